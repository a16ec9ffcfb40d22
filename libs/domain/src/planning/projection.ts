import type { EffortGroup } from '../alignment/alignment.types.js';
import type { Priority } from '../plan/plan.types.js';

export interface ProjectedInitiative {
  id: string;
  priority: Priority;
  estimate: number | null;
}

export interface ProjectedGroups {
  /** one group per counted initiative: its estimate flows up its links as a ticket's effort would */
  groups: EffortGroup[];
  /** planned initiatives without an estimate: they count 0 and are listed */
  unestimated: string[];
}

/**
 * docs/design.md 3, projected alignment: the flow of 2.1 over the initiatives planned for a cycle,
 * effort = estimate. WONT initiatives are left out; unestimated ones count 0 and are listed. Each
 * initiative is a group of one "ticket" linked to it with weight 1, so ticketCount counts
 * initiatives and reach is per initiative.
 */
export function projectedEffortGroups(
  initiatives: readonly ProjectedInitiative[],
): ProjectedGroups {
  const counted = countedInitiatives(initiatives);
  return {
    groups: counted.map((i) => ({
      initiatives: [{ id: i.id, weight: 1 }],
      effort: i.estimate ?? 0,
      tickets: 1,
      unestimated: i.estimate === null ? 1 : 0,
    })),
    unestimated: counted.filter((i) => i.estimate === null).map((i) => i.id),
  };
}

/**
 * The initiatives a plan counts: every planned one but WONT (the projection's groups, the
 * baseline's initiative count).
 */
export function countedInitiatives<T extends { priority: Priority }>(
  initiatives: readonly T[],
): T[] {
  return initiatives.filter((i) => i.priority !== 'WONT');
}

/**
 * A plan's planned effort: the sum of the estimates of its counted initiatives (WONT left out,
 * unestimated ones 0), what the projection's totalEffort counts and a baseline reports.
 */
export function plannedEffort(
  initiatives: readonly { priority: Priority; estimate: number | null }[],
): number {
  return countedInitiatives(initiatives).reduce((sum, i) => sum + (i.estimate ?? 0), 0);
}

/** The key a carried-forward copy gets by default: `<old key>@<cycle key>`. */
export function carriedKey(oldKey: string, cycleKey: string): string {
  return `${oldKey}@${cycleKey}`;
}
