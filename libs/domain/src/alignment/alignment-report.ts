import { DomainError } from '../errors/domain-error.js';
import type { Horizon } from '../settings/organization-settings.js';
import { HORIZONS } from '../settings/organization-settings.js';
import {
  UNALIGNED_REASONS,
  type AlignmentFigures,
  type AlignmentGraph,
  type BucketFigures,
  type EffortGroup,
  type GoalFigures,
  type HorizonFigures,
  type UnalignedReason,
} from './alignment.types.js';
import { AlignmentFlow, goalSink } from './flow.js';
import { percentsSummingTo100 } from './largest-remainder.js';

/**
 * docs/design.md 2.1: the alignment report of some tickets (grouped by their set of initiatives) over
 * an organization's graph: each active goal's effort, share, reach, target and gap; the unaligned
 * buckets; the horizon mix against the target mix. Goal efforts + bucket efforts = total effort.
 */
export function alignmentReport(
  graph: AlignmentGraph,
  groups: readonly EffortGroup[],
  horizonTargetMix: Readonly<Record<Horizon, number>>,
): AlignmentFigures {
  const flow = new AlignmentFlow(graph);
  const sinkEffort = new Map<string, number>();
  const reachEffort = new Map<string, number>();
  const bucketTickets = new Map<UnalignedReason, number>();
  let total = 0;
  let tickets = 0;
  let unestimated = 0;

  for (const group of groups) {
    if (!Number.isFinite(group.effort) || group.effort < 0) {
      throw DomainError.outOfBounds(
        'the effort of some tickets in scope (their points)',
        group.effort,
      );
    }
    total += group.effort;
    tickets += group.tickets;
    unestimated += group.unestimated;
    const links = group.initiatives.map((i) => ({
      to: { kind: 'initiative' as const, id: i.id },
      weight: i.weight,
    }));
    const distribution = flow.split(links, 'NO_INITIATIVE');
    for (const [sink, fraction] of distribution) {
      sinkEffort.set(sink, (sinkEffort.get(sink) ?? 0) + group.effort * fraction);
      if (!sink.startsWith('goal:') && fraction > 0) {
        const reason = sink as UnalignedReason;
        bucketTickets.set(reason, (bucketTickets.get(reason) ?? 0) + group.tickets);
      }
    }
    // Reach is per ticket: a goal counts a group's effort once, however many paths lead to it.
    const reached = new Set<string>();
    for (const link of links) for (const goal of flow.reachableGoals(link.to)) reached.add(goal);
    for (const goal of reached) reachEffort.set(goal, (reachEffort.get(goal) ?? 0) + group.effort);
  }

  if (!Number.isFinite(total)) throw DomainError.outOfBounds('the total effort in scope', total);
  const share = (effort: number) => (total > 0 ? effort / total : 0);
  // Key order, whatever order the goals came in: with the buckets after them in the enum's order,
  // it decides the ties of the largest-remainder rounding, so the same data gives the same percents.
  const activeGoals = [...graph.goals]
    .filter(([, g]) => g.active)
    .sort(
      ([idA, a], [idB, b]) => a.key.localeCompare(b.key) || (idA < idB ? -1 : idA > idB ? 1 : 0),
    );
  const buckets = UNALIGNED_REASONS.filter((r) => bucketTickets.has(r));
  const goalEfforts = activeGoals.map(([id]) => sinkEffort.get(goalSink(id)) ?? 0);
  const bucketEfforts = buckets.map((r) => sinkEffort.get(r) ?? 0);
  const percents = percentsSummingTo100([...goalEfforts, ...bucketEfforts]);

  const goals: GoalFigures[] = activeGoals.map(([goalId, goal], i) => {
    const s = share(goalEfforts[i]);
    return {
      goalId,
      effort: goalEfforts[i],
      share: s,
      percent: percents[i],
      reach: share(reachEffort.get(goalId) ?? 0),
      targetShare: goal.targetShare,
      gap: goal.targetShare === null ? null : s - goal.targetShare,
    };
  });
  const unaligned: BucketFigures[] = buckets.map((reason, i) => ({
    reason,
    effort: bucketEfforts[i],
    share: share(bucketEfforts[i]),
    percent: percents[activeGoals.length + i],
    ticketCount: bucketTickets.get(reason) ?? 0,
  }));
  const alignedEffort = goalEfforts.reduce((sum, e) => sum + e, 0);
  const byHorizon = new Map<Horizon, number>();
  activeGoals.forEach(([, goal], i) =>
    byHorizon.set(goal.horizon, (byHorizon.get(goal.horizon) ?? 0) + goalEfforts[i]),
  );
  const unalignedEffort = bucketEfforts.reduce((sum, e) => sum + e, 0);
  const horizons: HorizonFigures[] = [
    ...HORIZONS.map((horizon) => ({
      horizon,
      effort: byHorizon.get(horizon) ?? 0,
      share: share(byHorizon.get(horizon) ?? 0),
      targetShare: horizonTargetMix[horizon],
    })),
    {
      horizon: 'UNALIGNED',
      effort: unalignedEffort,
      share: share(unalignedEffort),
      targetShare: null,
    },
  ];
  return {
    totalEffort: total,
    alignedEffort,
    alignedShare: share(alignedEffort),
    ticketCount: tickets,
    unestimatedTickets: unestimated,
    goals,
    unaligned,
    horizons,
  };
}

/** Effort by a ticket property (work type), as shares of the total. */
export function sharesOf<K extends string>(
  keys: readonly K[],
  effort: ReadonlyMap<K, number>,
): { key: K; effort: number; share: number }[] {
  const total = keys.reduce((sum, k) => sum + (effort.get(k) ?? 0), 0);
  return keys.map((key) => {
    const e = effort.get(key) ?? 0;
    return { key, effort: e, share: total > 0 ? e / total : 0 };
  });
}

/**
 * One goal's effort and share, exactly as alignmentReport computes them (the same flow, the same
 * order of sums), without the rest of the report: what explainGoal needs.
 */
export function goalEffortShare(
  graph: AlignmentGraph,
  groups: readonly EffortGroup[],
  goalId: string,
): { effort: number; share: number } {
  const flow = new AlignmentFlow(graph);
  const sink = goalSink(goalId);
  let total = 0;
  let effort = 0;
  for (const group of groups) {
    if (!Number.isFinite(group.effort) || group.effort < 0) {
      throw DomainError.outOfBounds(
        'the effort of some tickets in scope (their points)',
        group.effort,
      );
    }
    total += group.effort;
    const links = group.initiatives.map((i) => ({
      to: { kind: 'initiative' as const, id: i.id },
      weight: i.weight,
    }));
    const fraction = flow.split(links, 'NO_INITIATIVE').get(sink);
    if (fraction !== undefined) effort += group.effort * fraction;
  }
  return { effort, share: total > 0 ? effort / total : 0 };
}
