import { alignmentReport } from '../alignment/alignment-report.js';
import type { AlignmentFigures, AlignmentGraph } from '../alignment/alignment.types.js';
import { AlignmentFlow } from '../alignment/flow.js';
import { projectedEffortGroups, type ProjectedInitiative } from './projection.js';

export interface GoalDependencyRisk {
  goalId: string;
  /** the goal's projected effort that flows from initiatives behind an at-risk dependency */
  atRiskEffort: number;
  /** atRiskEffort / the goal's projected effort; 0 when the goal gets none */
  atRiskShare: number;
  /** the at-risk dependencies that some initiative reaching the goal is behind (sorted by id) */
  dependencyIds: string[];
}

export interface ProjectedDependencyRisk {
  /** planned effort of the initiatives behind an at-risk dependency, wherever it flows */
  atRiskEffort: number;
  /** atRiskEffort / total planned effort; 0 when nothing is planned */
  atRiskShare: number;
  /** one per goal of `projected`, in its order */
  goals: GoalDependencyRisk[];
}

// The horizon mix plays no part in goal efforts; the report needs one.
const NO_MIX = { CORE: 0, ADJACENT: 0, TRANSFORMATIONAL: 0 };

/**
 * docs/design.md 3, dependency risk rolled up to goals: the projection's own flow (the same
 * groups, the same report) run over only the planned initiatives behind an at-risk dependency, so
 * a goal's at-risk effort is exactly the part of its projected effort those initiatives bring, and
 * never more than it. `behind` comes from dependencyRisk; `projected` is the full projection.
 */
export function projectedDependencyRisk(
  graph: AlignmentGraph,
  initiatives: readonly ProjectedInitiative[],
  behind: ReadonlyMap<string, readonly string[]>,
  projected: AlignmentFigures,
): ProjectedDependencyRisk {
  const risky = initiatives.filter((i) => behind.has(i.id));
  const figures = alignmentReport(graph, projectedEffortGroups(risky).groups, NO_MIX);
  const effortOf = new Map(figures.goals.map((g) => [g.goalId, g.effort]));
  // Which dependencies hurt a goal: those its at-risk initiatives wait on, for every goal they
  // reach along a flowing path (reach, as the report's).
  const flow = new AlignmentFlow(graph);
  const dependenciesOf = new Map<string, Set<string>>();
  for (const initiative of risky) {
    if (initiative.priority === 'WONT') continue;
    for (const goalId of flow.reachableGoals({ kind: 'initiative', id: initiative.id })) {
      const set = dependenciesOf.get(goalId) ?? new Set<string>();
      for (const id of behind.get(initiative.id)!) set.add(id);
      dependenciesOf.set(goalId, set);
    }
  }
  const share = (part: number, whole: number) => (whole > 0 ? Math.min(part / whole, 1) : 0);
  return {
    atRiskEffort: figures.totalEffort,
    atRiskShare: share(figures.totalEffort, projected.totalEffort),
    goals: projected.goals.map((goal) => {
      const atRiskEffort = effortOf.get(goal.goalId) ?? 0;
      return {
        goalId: goal.goalId,
        atRiskEffort,
        atRiskShare: share(atRiskEffort, goal.effort),
        dependencyIds: [...(dependenciesOf.get(goal.goalId) ?? [])].sort(),
      };
    }),
  };
}
