import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  ArchivableListArgs,
  ExpectedVersion,
  IfGiven,
  IsEstimate,
  IsExternalKey,
  IsKey,
  IsTitle,
} from '@app/common';
import type { InitiativeStatus, Priority } from '@app/database';
import {
  INITIATIVE_STATUSES,
  InitiativeStatusEnum,
  PRIORITIES,
  PriorityEnum,
} from '../shared/enums.js';

@InputType()
export class CreateInitiativeInput {
  @Field()
  @IsKey()
  key: string;

  @Field(() => String, {
    nullable: true,
    description: "the epic's key in the ticket source; unique in the organization",
  })
  @IsOptional()
  @IsExternalKey()
  externalKey?: string | null;

  @Field()
  @IsTitle()
  title: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  teamId?: string | null;

  @Field(() => InitiativeStatusEnum, { defaultValue: 'PROPOSED' })
  @IsIn(INITIATIVE_STATUSES)
  status: InitiativeStatus = 'PROPOSED';

  @Field(() => PriorityEnum, { defaultValue: 'SHOULD' })
  @IsIn(PRIORITIES)
  priority: Priority = 'SHOULD';

  @Field(() => Float, { nullable: true, description: 'story points, 0..10,000' })
  @IsOptional()
  @IsEstimate()
  estimate?: number | null;

  @Field(() => ID, { nullable: true, description: 'the cycle it is planned for' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  cycleId?: string | null;
}

@InputType()
export class UpdateInitiativeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsExternalKey()
  externalKey?: string | null;

  @Field({ nullable: true })
  @IfGiven()
  @IsTitle()
  title?: string;

  @Field(() => ID, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  teamId?: string | null;

  @Field(() => InitiativeStatusEnum, { nullable: true })
  @IfGiven()
  @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;

  @Field(() => PriorityEnum, { nullable: true })
  @IfGiven()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @Field(() => Float, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsEstimate()
  estimate?: number | null;

  @Field(() => ID, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  cycleId?: string | null;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class InitiativeListArgs extends ArchivableListArgs {
  @Field({ nullable: true })
  @IsOptional()
  @IsKey()
  teamKey?: string;

  @Field({ nullable: true, description: 'initiatives planned for this cycle' })
  @IsOptional()
  @IsKey()
  cycleKey?: string;

  @Field(() => InitiativeStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(INITIATIVE_STATUSES)
  status?: InitiativeStatus;
}
