import { Field, ID, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Initiative, KeyResult, Kpi, StrategicGoal, Ticket } from '@app/database';
import type { UnalignedReason } from '@app/domain';
import { InitiativeType, TicketType } from '@app/delivery';
import { KeyResultType, KpiType, StrategicGoalType } from '@app/strategy';
import { GoalAlignmentType, UnalignedReasonEnum } from '../report/alignment-report.type.js';

/** The caps of the gap lists: the dashboard shows the worst first, a list query gives the rest. */
export const GAP_LIST_LIMIT = 50;
export const GAP_TICKET_LIMIT = 20;

@ObjectType('UnalignedGap', { description: 'the unaligned work of one reason in scope' })
export class UnalignedGapType {
  @Field(() => UnalignedReasonEnum)
  reason: UnalignedReason;

  @Field(() => Float, { description: 'as in the alignment report' })
  effort: number;

  @Field(() => Int, { description: 'tickets with any effort for this reason' })
  ticketCount: number;

  @Field(() => [TicketType], {
    description: `the ${GAP_TICKET_LIMIT} tickets carrying the most effort for this reason, largest first`,
  })
  tickets: Ticket[];
}

@ObjectType('SourceFreshness', { description: 'when a ticket source last synced' })
export class SourceFreshnessType {
  @Field({ description: 'API, JIRA_CSV, ... or a live source by its name' })
  source: string;

  @Field(() => ID, { nullable: true, description: 'the live source (ticketSources), if one' })
  ticketSourceId: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'files and the API: the latest write of any of their tickets; a live source: its last event or sync',
  })
  lastSyncedAt: Date | null;

  @Field({ description: 'older than thresholds.staleAfterHours (or never synced)' })
  stale: boolean;
}

@ObjectType('OverdueCheckIn', {
  description: 'a key result of the ACTIVE cycle, or a KPI, whose check-in is overdue',
})
export class OverdueCheckInType {
  @Field(() => KeyResultType, { nullable: true, description: 'the key result, or null for a KPI' })
  keyResult: KeyResult | null;

  @Field(() => KpiType, { nullable: true, description: 'the KPI, or null for a key result' })
  kpi: Kpi | null;

  @Field(() => Date, { nullable: true, description: 'its last check-in; null: none yet' })
  lastCheckInAt: Date | null;

  @Field(() => Date, {
    description:
      'checkInEveryDays after the last check-in (none yet: after the cycle started, or the KPI was made)',
  })
  dueAt: Date;

  @Field(() => Float, { description: 'days since dueAt' })
  daysOverdue: number;
}

@ObjectType('Gaps', {
  description: `docs/design.md 2.3: what the dashboard must surface; every list is capped at ${GAP_LIST_LIMIT}`,
})
export class GapsType {
  @Field(() => [UnalignedGapType], { description: 'one per reason that has tickets in scope' })
  unaligned: UnalignedGapType[];

  @Field(() => [KeyResultType], {
    description:
      'key results of ACTIVE objectives in the ACTIVE cycle that no live initiative supports and no active objective cascades from, by key',
  })
  unsupportedKeyResults: KeyResult[];

  @Field(() => [InitiativeType], {
    description: 'PLANNED or IN_PROGRESS initiatives with no ticket in scope, by key',
  })
  idleInitiatives: Initiative[];

  @Field(() => [StrategicGoalType], {
    description: 'active goals that get no effort in scope, by key',
  })
  neglectedGoals: StrategicGoal[];

  @Field(() => [GoalAlignmentType], {
    description: 'goals whose |gap| is at or above thresholds.drift, largest first',
  })
  drift: GoalAlignmentType[];

  @Field(() => [KeyResultType], {
    description:
      'key results of the ACTIVE cycle flagged by outcome vs output (busy, not moving the needle), by key',
  })
  busyNotMoving: KeyResult[];

  @Field(() => [SourceFreshnessType], { description: 'every ticket source but MANUAL' })
  staleSources: SourceFreshnessType[];

  @Field(() => [OverdueCheckInType], {
    description: 'key results of the ACTIVE cycle and KPIs due for a check-in, most overdue first',
  })
  overdueCheckIns: OverdueCheckInType[];
}
