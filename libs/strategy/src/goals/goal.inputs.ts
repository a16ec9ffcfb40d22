import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ExpectedVersion, IfGiven, IsKey, IsNote, IsTitle, PageArgs } from '@app/common';
import { HORIZONS, type Horizon } from '@app/domain';
import { GoalStatusEnum, HorizonEnum } from '../shared/enums.js';

@InputType()
export class CreateStrategicGoalInput {
  @Field()
  @IsKey()
  key: string;

  @Field()
  @IsTitle()
  title: string;

  @Field({ defaultValue: '' })
  @IsNote()
  description: string = '';

  @Field(() => HorizonEnum, { defaultValue: 'CORE' })
  @IsIn(HORIZONS)
  horizon: Horizon = 'CORE';

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0)
  @Max(1)
  targetShare?: number | null;
}

@InputType()
export class UpdateStrategicGoalInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id' })
  id: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsKey()
  key?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsTitle()
  title?: string;

  @Field({ nullable: true })
  @IfGiven()
  @IsNote()
  description?: string;

  @Field(() => HorizonEnum, { nullable: true })
  @IfGiven()
  @IsIn(HORIZONS)
  horizon?: Horizon;

  @Field(() => Float, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0)
  @Max(1)
  targetShare?: number | null;

  @ExpectedVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class StrategicGoalListArgs extends PageArgs {
  @Field(() => GoalStatusEnum, { nullable: true, description: 'default: ACTIVE only' })
  @IsOptional()
  @IsIn(['ACTIVE', 'ARCHIVED'])
  status?: 'ACTIVE' | 'ARCHIVED';
}
