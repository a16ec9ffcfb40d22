import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ExpectedVersion, VersionField } from '@app/common';
import { IsString, MaxLength } from 'class-validator';

@ObjectType()
export class Vision {
  @Field(() => ID)
  id: string;

  @Field()
  statement: string;

  @Field({ description: 'free text, e.g. "2028"' })
  horizon: string;

  @VersionField()
  version: number;
}

@InputType()
export class UpdateVisionInput {
  @Field()
  @IsString()
  @MaxLength(2000)
  statement: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(100)
  horizon: string = '';

  @ExpectedVersion()
  expectedVersion?: number | null;
}
