import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  ArchivableListArgs,
  ExpectedVersion,
  IdOrKeyArgs,
  IfGiven,
  IsExternalKey,
  IsKey,
  IsPoints,
  IsTitle,
} from '@app/common';
import {
  MAX_LABEL,
  MAX_LABELS,
  MAX_SPRINTS,
  STATUS_CATEGORIES,
  type StatusCategory,
} from '@app/domain';
import { StatusCategoryEnum } from '@app/identity';

@InputType()
export class CreateTicketInput {
  @Field({ description: 'the key in the ticket source, e.g. PAY-123' })
  @IsExternalKey()
  externalKey: string;

  @Field(() => String, { nullable: true, description: "the source's own id" })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;

  @Field()
  @IsTitle()
  title: string;

  @Field({ defaultValue: 'Task', description: 'issue type: Story, Bug, Task, Sub-task, ...' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(MAX_LABEL)
  type: string = 'Task';

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'must not contain an empty label' })
  @MaxLength(MAX_LABEL, { each: true })
  labels: string[] = [];

  @Field(() => String, {
    nullable: true,
    description:
      "the status name in the source; mapped to statusCategory through the organization's status mapping",
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LABEL)
  rawStatus?: string | null;

  @Field(() => StatusCategoryEnum, {
    nullable: true,
    description:
      'wins over the mapping of rawStatus; required when rawStatus is absent or unmapped',
  })
  @IsOptional()
  @IsIn(STATUS_CATEGORIES)
  statusCategory?: StatusCategory | null;

  @Field(() => Float, { nullable: true, description: 'null: unestimated (0 is an estimate)' })
  @IsOptional()
  @IsPoints()
  points?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'sprint history by sprint key, oldest first: the last one is the current sprint',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SPRINTS)
  @ArrayUnique({ message: 'must not repeat a sprint' })
  @IsKey({ each: true })
  sprintKeys?: string[] | null;

  @Field(() => String, { nullable: true, description: 'the parent ticket of a sub-task' })
  @IsOptional()
  @IsExternalKey()
  parentKey?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'with parentKey: the live source whose ticket it is (a key several sources hold needs it)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  parentSourceId?: string | null;
}

@InputType()
export class UpdateTicketInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsExternalKey()
  externalKey?: string;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;

  @Field({ nullable: true })
  @IfGiven()
  @IsTitle()
  title?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(MAX_LABEL)
  type?: string;

  @Field(() => [String], { nullable: true })
  @IfGiven()
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'must not contain an empty label' })
  @MaxLength(MAX_LABEL, { each: true })
  labels?: string[];

  @Field({
    nullable: true,
    description: 'also sets statusCategory through the mapping unless given',
  })
  @IfGiven()
  @IsString()
  @MaxLength(MAX_LABEL)
  rawStatus?: string;

  @Field(() => StatusCategoryEnum, { nullable: true })
  @IfGiven()
  @IsIn(STATUS_CATEGORIES)
  statusCategory?: StatusCategory;

  @Field(() => Float, { nullable: true, description: 'null: unestimated' })
  @IsOptional()
  @IsPoints()
  points?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'replaces the sprint history (oldest first); [] clears it',
  })
  @IfGiven()
  @IsArray()
  @ArrayMaxSize(MAX_SPRINTS)
  @ArrayUnique({ message: 'must not repeat a sprint' })
  @IsKey({ each: true })
  sprintKeys?: string[];

  @Field(() => String, { nullable: true, description: 'null: no longer a sub-task' })
  @IsOptional()
  @IsExternalKey()
  parentKey?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'with parentKey: the live source whose ticket it is (a key several sources hold needs it)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  parentSourceId?: string | null;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

/** `ticket(id | key [, sourceId])`. */
@ArgsType()
export class TicketArgs extends IdOrKeyArgs {
  @Field(() => ID, {
    nullable: true,
    description:
      'with key: the live source whose ticket it is (tickets are unique per source; a key several sources hold needs it)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  sourceId?: string;
}

@ArgsType()
export class TicketListArgs extends ArchivableListArgs {
  @Field({ nullable: true, description: 'tickets whose current sprint this is' })
  @IsOptional()
  @IsKey()
  sprintKey?: string;

  @Field({ nullable: true, description: 'tickets linked to this initiative' })
  @IsOptional()
  @IsKey()
  initiativeKey?: string;

  @Field({ nullable: true, description: "tickets whose current sprint is this team's" })
  @IsOptional()
  @IsKey()
  teamKey?: string;

  @Field(() => StatusCategoryEnum, { nullable: true })
  @IsOptional()
  @IsIn(STATUS_CATEGORIES)
  statusCategory?: StatusCategory;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only tickets linked to no initiative; false: only linked ones',
  })
  @IsOptional()
  @IsBoolean()
  unlinked?: boolean | null;
}
