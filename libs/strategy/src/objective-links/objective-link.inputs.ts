import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { ExpectedVersion, IsLinkWeight } from '@app/common';

@InputType({
  description:
    'exactly one of goalId, parentObjectiveId, keyResultId; linking again to the same target updates the weight',
})
export class LinkObjectiveInput {
  @Field(() => ID, { description: 'the objective that aligns upward' })
  @IsUUID('all', { message: 'must be an id' })
  objectiveId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  goalId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  parentObjectiveId?: string | null;

  @Field(() => ID, { nullable: true, description: 'a key result of another objective' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  keyResultId?: string | null;

  @Field(() => Float, { defaultValue: 1, description: '> 0, at most 1,000' })
  @IsLinkWeight()
  weight: number = 1;

  @ExpectedVersion(
    'the version of the existing link you read (to change its weight): CONFLICT when it changed or was removed since; a new link needs none',
  )
  expectedVersion?: number | null;
}
