import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { SprintState } from '@app/database';
import { SprintStateEnum } from '../shared/enums.js';

@ObjectType('Sprint', { description: "a team's time box" })
export class SprintType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field({ description: 'unique in the organization: ticket sources match sprints by name' })
  name: string;

  @Field({ description: 'YYYY-MM-DD' })
  startDate: string;

  @Field({ description: 'YYYY-MM-DD' })
  endDate: string;

  @Field(() => SprintStateEnum)
  state: SprintState;

  @Field(() => String, { nullable: true, description: "the sprint's id in the ticket source" })
  externalId: string | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const SprintPage = Paginated(SprintType, 'SprintPage');
