import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ArchivableListArgs, ExpectedVersion, IfGiven, IsCapacity, IsKey } from '@app/common';

@InputType()
export class CreateTeamInput {
  @Field()
  @IsKey()
  key: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field(() => Float, { defaultValue: 0, description: 'story points per sprint, 0..100,000' })
  @IsCapacity()
  capacity: number = 0;
}

@InputType()
export class UpdateTeamInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name?: string;

  @Field(() => Float, { nullable: true, description: 'story points per sprint, 0..100,000' })
  @IfGiven()
  @IsCapacity()
  capacity?: number;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class TeamListArgs extends ArchivableListArgs {}
