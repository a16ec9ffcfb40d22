import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { toReport } from '@app/alignment';
import type { Cycle, Initiative } from '@app/database';
import { planFigures, type PlanFigures, type PlanInputInitiative } from '@app/domain';
import { loadPlanInputs, type LoadedPlan } from './plan-inputs.loader.js';
import type { ProjectedAlignmentType, TeamCapacityType } from './planning.types.js';

/** One plan's figures in the API's shapes: what the planning view and a comparison column show. */
export interface PlanView {
  figures: PlanFigures;
  /** the planned initiatives' rows with this plan's values, by key */
  planned: Initiative[];
  projected: ProjectedAlignmentType;
  capacity: TeamCapacityType[];
}

/** The live plan of a cycle: its inputs read once, its numbers from libs/domain planFigures. */
export async function livePlan(em: EntityManager, actor: Actor, cycle: Cycle): Promise<PlanView> {
  const plan = await loadPlanInputs(em, actor, cycle);
  return planView(plan, planFigures(plan.inputs, plan.settings.horizonTargetMix));
}

/** The figures of plan inputs (live, or a scenario's through applyScenario) in the API's shapes. */
export function planView(plan: LoadedPlan, figures: PlanFigures): PlanView {
  const row = (i: PlanInputInitiative) => asPlanned(plan.initiatives.get(i.id)!, i);
  const byId = new Map(figures.planned.map((i) => [i.id, row(i)]));
  const riskOf = new Map(figures.risk.goals.map((g) => [g.goalId, g]));
  const dependency = new Map(figures.atRisk.map((d) => [d.id, d]));
  const report = toReport(figures.projection, new Map(), plan.loaded);
  return {
    figures,
    planned: [...byId.values()],
    projected: {
      ...report,
      goals: report.goals.map((goal) => {
        const risk = riskOf.get(goal.goalId)!;
        return {
          ...goal,
          atRiskEffort: risk.atRiskEffort,
          atRiskShare: risk.atRiskShare,
          atRiskDependencies: risk.dependencyIds.map((id) => dependency.get(id)!),
        };
      }),
      atRiskEffort: figures.risk.atRiskEffort,
      atRiskShare: figures.risk.atRiskShare,
      atRiskDependencies: figures.atRisk,
      unestimatedInitiatives: figures.unestimated.map((id) => byId.get(id)!),
    },
    capacity: figures.capacity.map((team) => ({
      team: plan.teams.get(team.team.teamId)!,
      capacityPerSprint: team.team.capacityPerSprint,
      sprints: team.overlapping,
      sprintEquivalents: team.sprintEquivalents,
      expectedSprints: team.expectedSprints,
      capacity: team.capacity,
      demand: team.demand,
      overCommitted: team.overCommitted,
      lines: team.lines.map((line) => ({ ...line, initiative: byId.get(line.initiativeId)! })),
    })),
  };
}

/**
 * The initiative's row with the plan's values (a scenario's estimate, priority and cycle), so
 * what a comparison lists reads as that plan has it; the live row itself is left alone.
 */
function asPlanned(row: Initiative, planned: PlanInputInitiative): Initiative {
  if (
    row.estimate === planned.estimate &&
    row.priority === planned.priority &&
    row.cycleId === planned.cycleId
  )
    return row;
  return Object.assign(Object.create(Object.getPrototypeOf(row) as object) as Initiative, row, {
    estimate: planned.estimate,
    priority: planned.priority,
    cycleId: planned.cycleId,
  });
}
