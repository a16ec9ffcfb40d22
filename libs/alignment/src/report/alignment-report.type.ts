import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  UNALIGNED_REASONS,
  type HorizonKey,
  type UnalignedReason,
  type WorkType,
} from '@app/domain';
import { WorkTypeEnum } from '@app/identity';

export const UnalignedReasonEnum = Object.fromEntries(UNALIGNED_REASONS.map((r) => [r, r])) as {
  [K in UnalignedReason]: K;
};
registerEnumType(UnalignedReasonEnum, {
  name: 'UnalignedReason',
  description: 'where the chain from a ticket to a goal broke (docs/design.md 2.1)',
});

export const HorizonBucketEnum = {
  CORE: 'CORE',
  ADJACENT: 'ADJACENT',
  TRANSFORMATIONAL: 'TRANSFORMATIONAL',
  UNALIGNED: 'UNALIGNED',
} as const;
registerEnumType(HorizonBucketEnum, {
  name: 'HorizonBucket',
  description: 'a goal horizon, or UNALIGNED for all unaligned effort',
});

@ObjectType('GoalAlignment')
export class GoalAlignmentType {
  /** resolved to the StrategicGoal by the report resolver */
  goalId: string;

  @Field(() => Float)
  effort: number;

  @Field(() => Float, { description: 'exclusive fractional share of total effort (0..1)' })
  share: number;

  @Field(() => Float, {
    description: 'share for display: one decimal, goals and buckets sum to exactly 100.0',
  })
  percent: number;

  @Field(() => Float, {
    description: 'inclusive: fraction of total effort whose tickets reach the goal by any path',
  })
  reach: number;

  @Field(() => Float, { nullable: true })
  targetShare: number | null;

  @Field(() => Float, { nullable: true, description: 'share - targetShare' })
  gap: number | null;
}

@ObjectType('UnalignedBucket')
export class UnalignedBucketType {
  @Field(() => UnalignedReasonEnum)
  reason: UnalignedReason;

  @Field(() => Float)
  effort: number;

  @Field(() => Float)
  share: number;

  @Field(() => Float)
  percent: number;

  @Field(() => Int, {
    description: 'tickets with any effort in this bucket (a split ticket counts in each)',
  })
  ticketCount: number;
}

@ObjectType('HorizonAlignment')
export class HorizonAlignmentType {
  @Field(() => HorizonBucketEnum)
  horizon: HorizonKey;

  @Field(() => Float)
  effort: number;

  @Field(() => Float)
  share: number;

  @Field(() => Float, {
    nullable: true,
    description: "the organization's target mix; null for UNALIGNED",
  })
  targetShare: number | null;
}

@ObjectType('WorkTypeAlignment')
export class WorkTypeAlignmentType {
  @Field(() => WorkTypeEnum)
  workType: WorkType;

  @Field(() => Float)
  effort: number;

  @Field(() => Float)
  share: number;
}

@ObjectType('AlignmentReport', {
  description: 'docs/design.md 2.1: how much of the work in scope traces back to each goal',
})
export class AlignmentReportType {
  @Field(() => Float)
  totalEffort: number;

  @Field(() => Float)
  alignedEffort: number;

  @Field(() => Float)
  alignedShare: number;

  @Field(() => Int)
  ticketCount: number;

  @Field(() => Int, { description: 'tickets in scope without points (under either measure)' })
  unestimatedTickets: number;

  @Field(() => [GoalAlignmentType], { description: 'every active goal, also those with 0' })
  goals: GoalAlignmentType[];

  @Field(() => [UnalignedBucketType], { description: 'one per reason that has tickets in scope' })
  unaligned: UnalignedBucketType[];

  @Field(() => [HorizonAlignmentType])
  horizons: HorizonAlignmentType[];

  @Field(() => [WorkTypeAlignmentType])
  workTypes: WorkTypeAlignmentType[];
}
