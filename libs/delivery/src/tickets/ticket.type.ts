import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { StatusCategory, WorkType } from '@app/domain';
import { StatusCategoryEnum, WorkTypeEnum } from '@app/identity';

@ObjectType('Ticket', { description: 'one unit of sprint work' })
export class TicketType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'the key in the ticket source, e.g. PAY-123 (its key in Throughline)' })
  externalKey: string;

  @Field(() => String, {
    nullable: true,
    description: "the source's own id (Jira's numeric issue id)",
  })
  externalId: string | null;

  @Field()
  title: string;

  @Field({ description: 'issue type in the source: Story, Bug, Task, Sub-task, ...' })
  type: string;

  @Field(() => [String])
  labels: string[];

  @Field(() => WorkTypeEnum, {
    description: "derived from labels and type through the organization's work-type mapping",
  })
  workType: WorkType;

  @Field(() => StatusCategoryEnum)
  statusCategory: StatusCategory;

  @Field({ description: 'the status name in the source' })
  rawStatus: string;

  @Field(() => Float, { nullable: true, description: 'null: unestimated (0 is an estimate)' })
  points: number | null;

  @Field({
    description:
      'a sub-task (by its issue type, or because it has a parent, known yet or not): it carries no effort of its own, its parent counts',
  })
  subtask: boolean;

  @Field({ description: 'MANUAL, API, JIRA_CSV, ... (the kind of the last write)' })
  source: string;

  @Field(() => ID, {
    name: 'ticketSourceId',
    nullable: true,
    description:
      'the live source (ticketSources) that owns it: keys are unique per source; null for files and the API',
  })
  sourceId: string | null;

  @Field(() => Date, { nullable: true })
  lastSyncedAt: Date | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @VersionField()
  version: number;
}

export const TicketPage = Paginated(TicketType, 'TicketPage');
