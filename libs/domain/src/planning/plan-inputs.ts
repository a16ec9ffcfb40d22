import type { AlignmentGraph, WeightedLink } from '../alignment/alignment.types.js';
import type { Priority } from '../plan/plan.types.js';
import type { DateRange } from './sprints-in-cycle.js';
import type { DependencyEdge, DependencyNode } from './dependency-risk.js';

/**
 * An initiative as a plan sees it: what the projection, the capacity plan and the dependency rule
 * read of it. The plan of a cycle holds those with `cycleId` = the cycle that are neither archived
 * nor cancelled.
 */
export interface PlanInputInitiative {
  id: string;
  key: string;
  teamId: string | null;
  priority: Priority;
  /** story points; null: not estimated (counts 0 and is listed) */
  estimate: number | null;
  status: DependencyNode['status'];
  archived: boolean;
  cycleId: string | null;
  /** the first day of its cycle (YYYY-MM-DD); null without a cycle */
  cycleStart: string | null;
}

export interface PlanInputTeam {
  teamId: string;
  key: string;
  /** story points per sprint */
  capacityPerSprint: number;
  /** its non-archived sprints overlapping the cycle */
  sprints: readonly DateRange[];
}

/**
 * Everything the numbers of a cycle's plan are computed from (docs/design.md 3), read once from
 * one snapshot: the live plan and every scenario of it run the same functions over this value (a
 * scenario through applyScenario first), so their figures can never drift apart.
 */
export interface PlanInputs {
  cycle: { id: string; start: string; end: string };
  cadenceDays: number;
  /** the organization's upper graph; initiative links carry the weights a scenario may change */
  graph: AlignmentGraph;
  /**
   * the initiatives of the cycle, those a scenario names, and both ends of every dependency, by
   * key
   */
  initiatives: readonly PlanInputInitiative[];
  /** non-archived teams, by key */
  teams: readonly PlanInputTeam[];
  /** every dependency of the organization (a blocker may wait on another one) */
  dependencies: readonly DependencyEdge[];
}

/** One initiative's values in a scenario (a full copy of the plan's at fork, then edited). */
export interface ScenarioInitiative {
  initiativeId: string;
  /** in the scenario's plan of the cycle, or out of it */
  included: boolean;
  estimate: number | null;
  priority: Priority;
}

export interface ScenarioTeam {
  teamId: string;
  capacityPerSprint: number;
}

/** The weight of an initiative's link to a key result or (directly) to an objective. */
export interface ScenarioLink {
  initiativeId: string;
  keyResultId: string | null;
  objectiveId: string | null;
  weight: number;
}

export interface ScenarioOverrides {
  initiatives: readonly ScenarioInitiative[];
  teams: readonly ScenarioTeam[];
  links: readonly ScenarioLink[];
}

/**
 * The plan inputs as a scenario would have them. A scenario is a full copy of the plan's
 * adjustable values, so its plan is exactly its included initiatives: an included one is planned
 * for this cycle with the scenario's estimate and priority; an excluded one that the cycle holds
 * leaves it (no cycle, as promoting it would write); an initiative the cycle gained after the fork
 * is not in the scenario's plan. Team capacities and link weights replace the live ones; the tree
 * itself (which links exist, statuses, teams) stays the live one. Pure: `inputs` is not changed.
 */
export function applyScenario(inputs: PlanInputs, overrides: ScenarioOverrides): PlanInputs {
  const cycleId = inputs.cycle.id;
  const own = new Map(overrides.initiatives.map((o) => [o.initiativeId, o]));
  const initiatives = inputs.initiatives.map((initiative): PlanInputInitiative => {
    const override = own.get(initiative.id);
    if (override?.included) {
      return {
        ...initiative,
        estimate: override.estimate,
        priority: override.priority,
        cycleId,
        cycleStart: inputs.cycle.start,
      };
    }
    const leaves = initiative.cycleId === cycleId;
    const values = override ? { estimate: override.estimate, priority: override.priority } : {};
    return leaves ? { ...initiative, ...values, cycleId: null, cycleStart: null } : initiative;
  });
  const capacity = new Map(overrides.teams.map((t) => [t.teamId, t.capacityPerSprint]));
  const teams = inputs.teams.map((team) => ({
    ...team,
    capacityPerSprint: capacity.get(team.teamId) ?? team.capacityPerSprint,
  }));
  return { ...inputs, initiatives, teams, graph: withLinkWeights(inputs.graph, overrides.links) };
}

/** The graph with the given initiative link weights (links that no longer exist are ignored). */
function withLinkWeights(graph: AlignmentGraph, links: readonly ScenarioLink[]): AlignmentGraph {
  if (!links.length) return graph;
  const byInitiative = new Map<string, ScenarioLink[]>();
  for (const link of links) {
    const list = byInitiative.get(link.initiativeId) ?? [];
    list.push(link);
    byInitiative.set(link.initiativeId, list);
  }
  const initiatives = new Map(graph.initiatives);
  for (const [id, overrides] of byInitiative) {
    const node = initiatives.get(id);
    if (!node) continue;
    const weightOf = (to: WeightedLink['to']) =>
      overrides.find((o) =>
        to.kind === 'keyResult' ? o.keyResultId === to.id : o.objectiveId === to.id,
      )?.weight;
    initiatives.set(id, {
      ...node,
      links: node.links.map((l) => ({ ...l, weight: weightOf(l.to) ?? l.weight })),
    });
  }
  return { ...graph, initiatives };
}

/** The initiatives planned for the inputs' cycle: neither archived nor cancelled, by key. */
export function plannedOf(inputs: PlanInputs): PlanInputInitiative[] {
  return inputs.initiatives.filter(
    (i) => i.cycleId === inputs.cycle.id && !i.archived && i.status !== 'CANCELLED',
  );
}
