import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { StatusCategoryEnum } from '@app/identity';
import { STATUS_CATEGORIES, type StatusCategory } from '@app/domain';
import { ProblemType } from '../plan-file/plan-import.types.js';

export const TicketFormat = { JIRA_CSV: 'JIRA_CSV' } as const;
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
    description: 'rows left out or imported with less (line and key in path)',
  })
  warnings: ProblemType[];
}

/** One ticket from a source other than a Jira file (upsertTickets). */
@InputType()
export class TicketInput {
  @Field({ description: 'the ticket key in its source, e.g. PAY-123' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalKey: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  externalId?: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(1000)
  title: string;

  @Field({ defaultValue: 'Task', description: 'issue type: Story, Bug, Task, Sub-task, ...' })
  @IsString()
  @MaxLength(100)
  type: string = 'Task';

  @Field(() => [String], { defaultValue: [] })
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @ArrayMaxSize(100)
  labels: string[] = [];

  @Field({ description: 'mapped through the organization status mapping' })
  @IsString()
  @MaxLength(100)
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
    description: 'story points; null = unestimated, 0 is an estimate',
  })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0)
  points?: number | null;

  @Field(() => [String], {
    defaultValue: [],
    description: 'sprint names, oldest first; the last is current',
  })
  @IsString({ each: true })
  @ArrayMaxSize(100)
  sprintNames: string[] = [];

  @Field({
    nullable: true,
    description: 'links the ticket to the initiative with this externalKey',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  epicKey?: string;

  @Field({ nullable: true, description: 'for sub-tasks: the parent ticket key' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  parentKey?: string;
}
