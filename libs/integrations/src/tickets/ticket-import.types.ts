import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsExternalKey, IsLabel, IsPoints, IsTitle } from '@app/common';
import { StatusCategoryEnum } from '@app/identity';
import {
  MAX_LABELS,
  MAX_NAME,
  MAX_SPRINTS,
  STATUS_CATEGORIES,
  type StatusCategory,
} from '@app/domain';
import { ProblemType } from '../plan-file/plan-import.types.js';

export const TicketFormat = {
  JIRA_CSV: 'JIRA_CSV',
  TRELLO_JSON: 'TRELLO_JSON',
  ASANA_CSV: 'ASANA_CSV',
  LINEAR_CSV: 'LINEAR_CSV',
  GITHUB_JSON: 'GITHUB_JSON',
} as const;
registerEnumType(TicketFormat, { name: 'TicketFormat' });

@ObjectType('TicketImportResult')
export class TicketImportResultType {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => [ProblemType], {
    description:
      'rows left out or imported with less (line and key in path): the first 100, then one entry (path "(more)") counting the rest',
  })
  warnings: ProblemType[];
}

/** One ticket from a source other than a Jira file (upsertTickets). */
@InputType()
export class TicketInput {
  @Field({ description: 'the ticket key in its source, e.g. PAY-123 (1-64 characters)' })
  @IsExternalKey()
  externalKey: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalId?: string;

  @Field({ description: '1..500 characters' })
  @IsTitle()
  title: string;

  @Field({ defaultValue: 'Task', description: 'issue type: Story, Bug, Task, Sub-task, ...' })
  @IsLabel()
  type: string = 'Task';

  @Field(() => [String], { defaultValue: [] })
  @IsLabel({ each: true })
  @ArrayMaxSize(MAX_LABELS)
  labels: string[] = [];

  @Field({ description: 'mapped through the organization status mapping' })
  @IsLabel()
  rawStatus: string;

  @Field(() => StatusCategoryEnum, {
    nullable: true,
    description: 'used when rawStatus is not in the mapping',
  })
  @IsOptional()
  @IsIn(STATUS_CATEGORIES)
  statusCategory?: StatusCategory;

  @Field(() => Float, {
    nullable: true,
    description: 'story points, 0..10,000; null = unestimated, 0 is an estimate',
  })
  @IsOptional()
  @IsPoints()
  points?: number | null;

  @Field(() => [String], {
    defaultValue: [],
    description: 'sprint names, oldest first; the last is current',
  })
  @IsString({ each: true })
  @MaxLength(MAX_NAME, { each: true, message: `must be at most ${MAX_NAME} characters` })
  @ArrayMaxSize(MAX_SPRINTS)
  sprintNames: string[] = [];

  @Field({
    nullable: true,
    description: 'links the ticket to the initiative with this externalKey',
  })
  @IsOptional()
  @IsExternalKey()
  epicKey?: string;

  @Field({ nullable: true, description: 'for sub-tasks: the parent ticket key' })
  @IsOptional()
  @IsExternalKey()
  parentKey?: string;
}
