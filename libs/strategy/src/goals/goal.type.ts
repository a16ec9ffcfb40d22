import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Paginated, VersionField } from '@app/common';
import type { GoalStatus } from '@app/database';
import type { Horizon } from '@app/domain';
import { GoalStatusEnum, HorizonEnum } from '../shared/enums.js';

@ObjectType('StrategicGoal', { description: 'a long-lived pillar under the vision' })
export class StrategicGoalType {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => GoalStatusEnum)
  status: GoalStatus;

  @Field(() => HorizonEnum)
  horizon: Horizon;

  @Field(() => Float, { nullable: true, description: 'intended share of delivery effort, 0..1' })
  targetShare: number | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @VersionField()
  version: number;
}

export const StrategicGoalPage = Paginated(StrategicGoalType, 'StrategicGoalPage');
