import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { VersionField } from '@app/common';

@ObjectType('ObjectiveLink', {
  description:
    'an objective aligned upward to exactly one target: a strategic goal, a parent objective, or a key result of another objective (cascade)',
})
export class ObjectiveLinkType {
  @Field(() => ID)
  id: string;

  @Field(() => Float, { description: 'positive; the share of flow is weight / sum of weights' })
  weight: number;

  @Field()
  createdAt: Date;

  @VersionField()
  version: number;
}
