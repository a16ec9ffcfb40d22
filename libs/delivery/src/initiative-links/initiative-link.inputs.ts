import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsNumber, IsOptional, IsPositive, IsUUID } from 'class-validator';
import { ExpectedVersion } from '@app/common';

@InputType()
export class LinkInitiativeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  initiativeId: string;

  @Field(() => ID, { nullable: true, description: 'exactly one of keyResultId or objectiveId' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  keyResultId?: string | null;

  @Field(() => ID, { nullable: true, description: 'an objective supported directly' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  objectiveId?: string | null;

  @Field(() => Float, { defaultValue: 1, description: '> 0' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsPositive({ message: 'must be greater than 0' })
  weight: number = 1;

  @ExpectedVersion(
    'the version of the existing link you read (to change its weight): CONFLICT when it changed or was removed since; a new link needs none',
  )
  expectedVersion?: number | null;
}
