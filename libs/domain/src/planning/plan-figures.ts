import { alignmentReport } from '../alignment/alignment-report.js';
import type { AlignmentFigures } from '../alignment/alignment.types.js';
import type { Horizon } from '../settings/organization-settings.js';
import { capacityPlan, type TeamCapacity } from './capacity.js';
import { projectedDependencyRisk, type ProjectedDependencyRisk } from './dependency-goals.js';
import { dependencyRisk, type AtRiskDependency, type DependencyNode } from './dependency-risk.js';
import {
  plannedOf,
  type PlanInputInitiative,
  type PlanInputs,
  type PlanInputTeam,
} from './plan-inputs.js';
import { plannedEffort, projectedEffortGroups } from './projection.js';
import { sprintsInCycle, type SprintsInCycle } from './sprints-in-cycle.js';

export interface TeamPlanFigures extends TeamCapacity, SprintsInCycle {
  team: PlanInputTeam;
}

/** Every number of one plan of a cycle (the live one or a scenario's). */
export interface PlanFigures {
  /** the planned initiatives, by key */
  planned: PlanInputInitiative[];
  /** the projected alignment: the flow of 2.1 over the planned estimates */
  projection: AlignmentFigures;
  /** planned initiatives (WONT left out) without an estimate */
  unestimated: string[];
  /** estimates of the planned initiatives, WONT left out (what the projection's total counts) */
  plannedEffort: number;
  /** teams with sprints in the cycle or initiatives planned for it, by key */
  capacity: TeamPlanFigures[];
  /** the at-risk dependencies some planned initiative waits on */
  atRisk: AtRiskDependency[];
  /** planned initiatives behind an at-risk dependency -> the dependencies they wait on */
  behind: Map<string, string[]>;
  /** the dependency risk rolled up to goals, one per goal of `projection` in its order */
  risk: ProjectedDependencyRisk;
}

/**
 * docs/design.md 3, the planning session's numbers from plan inputs: the projected alignment
 * (projectedEffortGroups through the flow), capacity vs demand with the cut line per team
 * (sprintsInCycle, capacityPlan) and the dependency risk (dependencyRisk, whose cut lines are
 * this plan's, rolled up to goals). Teams with no sprint overlapping the cycle and nothing planned
 * for it are left out: they have capacity by cadence, but nothing to weigh it against.
 */
export function planFigures(
  inputs: PlanInputs,
  horizonTargetMix: Readonly<Record<Horizon, number>>,
): PlanFigures {
  const planned = plannedOf(inputs);
  const { groups, unestimated } = projectedEffortGroups(planned);
  const projection = alignmentReport(inputs.graph, groups, horizonTargetMix);
  const range = { start: inputs.cycle.start, end: inputs.cycle.end };
  const teams = inputs.teams
    .filter((t) => t.sprints.length > 0 || planned.some((i) => i.teamId === t.teamId))
    .map((team) => ({ team, ...sprintsInCycle(range, team.sprints, inputs.cadenceDays) }));
  const plan = capacityPlan(
    teams.map(({ team, sprintEquivalents }) => ({
      teamId: team.teamId,
      capacityPerSprint: team.capacityPerSprint,
      sprintEquivalents,
    })),
    planned,
  );
  const capacity = plan.map((row, i) => ({ ...teams[i], ...row }));

  const nodes = new Map(
    inputs.initiatives.map((i): [string, DependencyNode] => [
      i.id,
      {
        id: i.id,
        status: i.status,
        archived: i.archived,
        priority: i.priority,
        cycle: i.cycleId && i.cycleStart ? { id: i.cycleId, start: i.cycleStart } : null,
      },
    ]),
  );
  const aboveCut = new Map(
    capacity.flatMap((team) => team.lines.map((line) => [line.initiativeId, line.aboveCut])),
  );
  const all = inputs.dependencies.length
    ? dependencyRisk(nodes, inputs.dependencies, inputs.cycle, aboveCut)
    : { atRisk: [], behind: new Map<string, string[]>() };
  // narrowed to the planned initiatives and the dependencies they wait on
  const behind = new Map(
    planned.filter((i) => all.behind.has(i.id)).map((i) => [i.id, all.behind.get(i.id)!]),
  );
  const waitedOn = new Set([...behind.values()].flat());
  const risk = projectedDependencyRisk(inputs.graph, planned, behind, projection);
  return {
    planned,
    projection,
    unestimated,
    plannedEffort: plannedEffort(planned),
    capacity,
    atRisk: all.atRisk.filter((d) => waitedOn.has(d.id)),
    behind,
    risk,
  };
}
