import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ExpectedVersion, IfGiven, IsKey, IsNote, IsTitle, PageArgs } from '@app/common';
import type { ObjectiveStatus } from '@app/database';
import { ObjectiveStatusEnum } from '../shared/enums.js';

const STATUSES = Object.values(ObjectiveStatusEnum);

@InputType()
export class CreateObjectiveInput {
  @Field()
  @IsKey()
  key: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  cycleId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'the owning team; absent for a company-level objective',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  teamId?: string | null;

  @Field()
  @IsTitle()
  title: string;

  @Field({ defaultValue: '' })
  @IsNote()
  description: string = '';

  @Field(() => ObjectiveStatusEnum, { defaultValue: 'ACTIVE' })
  @IsIn(STATUSES)
  status: ObjectiveStatus = 'ACTIVE';
}

@InputType()
export class UpdateObjectiveInput {
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
  cycleId?: string;

  @Field(() => ID, { nullable: true, description: 'null makes the objective company-level' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an id' })
  teamId?: string | null;

  @Field({ nullable: true })
  @IfGiven()
  @IsTitle()
  title?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsNote()
  description?: string;

  @Field(() => ObjectiveStatusEnum, { nullable: true })
  @IfGiven()
  @IsIn(STATUSES)
  status?: ObjectiveStatus;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class ObjectiveListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'only objectives of this cycle' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cycleKey?: string | null;

  @Field(() => String, { nullable: true, description: 'only objectives owned by this team' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  teamKey?: string | null;

  @Field(() => ObjectiveStatusEnum, {
    nullable: true,
    description: 'default: ACTIVE and CANCELLED (everything but ARCHIVED)',
  })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ObjectiveStatus | null;
}
