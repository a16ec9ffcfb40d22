import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ArchivableListArgs, ExpectedVersion, IfGiven, IsCalendarDate, IsKey } from '@app/common';
import type { SprintState } from '@app/database';
import { SPRINT_STATES, SprintStateEnum } from '../shared/enums.js';

@InputType({
  description: 'a new sprint is FUTURE; startSprint makes it ACTIVE, closeSprint CLOSED',
})
export class CreateSprintInput {
  @Field()
  @IsKey()
  key: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  teamId: string;

  @Field({ description: 'unique in the organization' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  startDate: string;

  @Field({ description: 'YYYY-MM-DD, on or after startDate' })
  @IsCalendarDate()
  endDate: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;
}

@InputType({ description: 'the state changes only through startSprint and closeSprint' })
export class UpdateSprintInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field(() => ID, { nullable: true })
  @IfGiven()
  @IsUUID('all', { message: 'must be an id' })
  teamId?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsCalendarDate()
  startDate?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsCalendarDate()
  endDate?: string;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  externalId?: string | null;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class SprintListArgs extends ArchivableListArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsKey()
  teamKey?: string;

  @Field(() => SprintStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(SPRINT_STATES)
  state?: SprintState;
}

@ArgsType()
export class StartSprintArgs {
  @Field({ description: 'the FUTURE sprint to start' })
  @IsKey()
  key: string;

  @ExpectedVersion()
  expectedVersion?: number | null;
}
