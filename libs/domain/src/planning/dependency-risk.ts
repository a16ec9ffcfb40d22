import type { Priority } from '../plan/plan.types.js';

/**
 * Why a dependency puts the initiative it blocks at risk (docs/design.md 3, dependencies), in the
 * order they are tested: a blocker that will not happen at all, then one not planned, then one
 * planned too late, then one planned in the cycle but past its team's capacity.
 */
export type DependencyRiskReason = 'CANCELLED' | 'UNPLANNED' | 'LATER_CYCLE' | 'BELOW_CUT_LINE';
export const DEPENDENCY_RISK_REASONS: readonly DependencyRiskReason[] = [
  'CANCELLED',
  'UNPLANNED',
  'LATER_CYCLE',
  'BELOW_CUT_LINE',
];

/** `initiativeId` is blocked by `blockedById`: it cannot finish before the blocker does. */
export interface DependencyEdge {
  id: string;
  initiativeId: string;
  blockedById: string;
}

/** What the rule needs to know of an initiative at either end of a dependency. */
export interface DependencyNode {
  id: string;
  status: 'PROPOSED' | 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
  archived: boolean;
  priority: Priority;
  /** the cycle it is planned for, with the cycle's first day (YYYY-MM-DD); null: none */
  cycle: { id: string; start: string } | null;
}

export interface RiskCycle {
  id: string;
  start: string;
}

export interface AtRiskDependency extends DependencyEdge {
  reason: DependencyRiskReason;
}

/**
 * docs/design.md 3, dependencies: the risk one dependency carries for the cycle being planned.
 * A DONE blocker carries none, whatever its plan. Otherwise the blocker is at risk when it is
 * CANCELLED (or archived: gone from the plan as a cancelled one is), planned for no cycle
 * (UNPLANNED: nothing commits it), planned for a cycle that starts after the planned one
 * (LATER_CYCLE), or planned for this cycle but WONT or below its team's cut line (BELOW_CUT_LINE;
 * `aboveCut` holds the capacity plan's lines, a blocker with no team is in no team's demand and
 * so never below a line). A blocker of an earlier cycle that is not done yet is work carried over,
 * not a risk of this plan.
 */
export function dependencyRiskReason(
  blocker: DependencyNode,
  plan: RiskCycle,
  aboveCut: ReadonlyMap<string, boolean>,
): DependencyRiskReason | null {
  if (blocker.status === 'DONE') return null;
  if (blocker.status === 'CANCELLED' || blocker.archived) return 'CANCELLED';
  if (!blocker.cycle) return 'UNPLANNED';
  if (blocker.cycle.id !== plan.id) return blocker.cycle.start > plan.start ? 'LATER_CYCLE' : null;
  if (blocker.priority === 'WONT' || aboveCut.get(blocker.id) === false) return 'BELOW_CUT_LINE';
  return null;
}

export interface DependencyRisk {
  /** every dependency at risk, in the order given */
  atRisk: AtRiskDependency[];
  /**
   * for each initiative behind an at-risk dependency, the at-risk dependencies it waits on,
   * directly or through blockers that are still to be done (sorted by id)
   */
  behind: Map<string, string[]>;
}

/**
 * The at-risk dependencies and who is behind them. Transitive: an initiative is behind an at-risk
 * dependency when one of its own dependencies is at risk, or when one of its blockers, not yet
 * done nor dropped, is itself behind one (A waits on B, B on a cancelled C: A slips with B). A
 * DONE or dropped blocker passes nothing on: its own dependencies no longer matter (a dropped
 * one is already at risk in its own right). Dependencies form no cycle (they are refused where
 * they are written); a cycle in stored data is cut where the walk meets it again.
 */
export function dependencyRisk(
  nodes: ReadonlyMap<string, DependencyNode>,
  dependencies: readonly DependencyEdge[],
  plan: RiskCycle,
  aboveCut: ReadonlyMap<string, boolean>,
): DependencyRisk {
  const atRisk: AtRiskDependency[] = [];
  const riskOf = new Map<string, AtRiskDependency>();
  const blockersOf = new Map<string, DependencyEdge[]>();
  for (const edge of dependencies) {
    const blocker = nodes.get(edge.blockedById);
    const reason = blocker ? dependencyRiskReason(blocker, plan, aboveCut) : 'CANCELLED';
    if (reason) {
      const risky = { ...edge, reason };
      atRisk.push(risky);
      riskOf.set(edge.id, risky);
    }
    const list = blockersOf.get(edge.initiativeId) ?? [];
    list.push(edge);
    blockersOf.set(edge.initiativeId, list);
  }

  const memo = new Map<string, ReadonlySet<string>>();
  const walking = new Set<string>();
  const behindOf = (id: string): ReadonlySet<string> => {
    const known = memo.get(id);
    if (known) return known;
    if (walking.has(id)) return new Set();
    walking.add(id);
    const out = new Set<string>();
    for (const edge of blockersOf.get(id) ?? []) {
      if (riskOf.has(edge.id)) out.add(edge.id);
      const blocker = nodes.get(edge.blockedById);
      const live = blocker && blocker.status !== 'DONE' && blocker.status !== 'CANCELLED';
      if (live && !blocker.archived) for (const d of behindOf(edge.blockedById)) out.add(d);
    }
    walking.delete(id);
    memo.set(id, out);
    return out;
  };

  const behind = new Map<string, string[]>();
  for (const id of blockersOf.keys()) {
    const ids = [...behindOf(id)].sort();
    if (ids.length) behind.set(id, ids);
  }
  return { atRisk, behind };
}
