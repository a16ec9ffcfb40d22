import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { InitiativeStatus, Priority } from '@app/database';
import { InitiativeStatusEnum, PriorityEnum } from '../shared/enums.js';

@ObjectType('Initiative', {
  description: 'a roadmap item (a project or epic) that delivers towards key results',
})
export class InitiativeType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field(() => String, {
    nullable: true,
    description: "the epic's key in the ticket source, e.g. PLAT-100",
  })
  externalKey: string | null;

  @Field()
  title: string;

  @Field(() => InitiativeStatusEnum)
  status: InitiativeStatus;

  @Field(() => PriorityEnum)
  priority: Priority;

  @Field(() => Float, { nullable: true, description: "story points, the tickets' unit" })
  estimate: number | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const InitiativePage = Paginated(InitiativeType, 'InitiativePage');
