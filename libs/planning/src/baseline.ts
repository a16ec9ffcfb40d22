import { In, type EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { alignmentContext, toReport } from '@app/alignment';
import {
  CycleBaseline,
  InitiativeLink,
  ObjectiveLink,
  type Cycle,
  type Initiative,
} from '@app/database';
import { alignmentReport, projectedDependencyRisk, projectedEffortGroups } from '@app/domain';
import { capacityIn } from './capacity-in.js';
import { dependencyRiskIn } from './dependency-risk.query.js';
import { cycleTree, plannedInitiatives } from './plan.queries.js';
import type { ProjectedAlignmentType, TeamCapacityType } from './planning.types.js';

/**
 * The projected report of a cycle's planned initiatives over the organization's current graph,
 * with the dependency risk rolled up to each goal (the cut lines come from `capacity`, computed
 * here when the caller has none).
 */
export async function projectedIn(
  em: EntityManager,
  actor: Actor,
  cycle: Cycle,
  initiatives: Initiative[],
  capacity?: TeamCapacityType[],
): Promise<ProjectedAlignmentType> {
  const { settings, loaded } = await alignmentContext(em, actor, null);
  const { groups, unestimated } = projectedEffortGroups(initiatives);
  const figures = alignmentReport(loaded.graph, groups, settings.horizonTargetMix);
  const missing = new Set(unestimated);
  const lines = capacity ?? (await capacityIn(em, actor, cycle, initiatives));
  const { atRisk, behind } = await dependencyRiskIn(em, cycle, initiatives, lines);
  const rolled = projectedDependencyRisk(loaded.graph, initiatives, behind, figures);
  const riskOf = new Map(rolled.goals.map((g) => [g.goalId, g]));
  const dependency = new Map(atRisk.map((d) => [d.id, d]));
  const report = toReport(figures, new Map(), loaded);
  return {
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
    atRiskEffort: rolled.atRiskEffort,
    atRiskShare: rolled.atRiskShare,
    atRiskDependencies: atRisk,
    unestimatedInitiatives: initiatives.filter((i) => missing.has(i.id)),
  };
}

/**
 * Stores a cycle's baseline (docs/design.md 3): the tree, links, estimates and projected alignment as
 * they stand in the caller's transaction, which reads one snapshot (lockCycle runs it under
 * Tenant.snapshotWrite; a plan import holds the organization's link lock). `loaded` marks one a
 * plan file loaded rather than lockCycle.
 */
export async function storeBaseline(
  em: EntityManager,
  actor: Actor,
  cycle: Cycle,
  loaded: boolean,
): Promise<CycleBaseline> {
  const initiatives = await plannedInitiatives(em, cycle.id);
  const { objectives, keyResults } = await cycleTree(em, cycle.id);
  const projected = await projectedIn(em, actor, cycle, initiatives);
  const objectiveLinks = objectives.length
    ? await em.find(ObjectiveLink, { where: { objectiveId: In(objectives.map((o) => o.id)) } })
    : [];
  const initiativeLinks = initiatives.length
    ? await em.find(InitiativeLink, {
        where: { initiativeId: In(initiatives.map((i) => i.id)) },
      })
    : [];
  return em.save(
    em.create(CycleBaseline, {
      organizationId: actor.organizationId,
      cycleId: cycle.id,
      tree: { objectives, keyResults } as unknown as Record<string, unknown>,
      links: { objectiveLinks, initiativeLinks } as unknown as Record<string, unknown>,
      estimates: {
        initiatives: initiatives.map((i) => ({
          id: i.id,
          key: i.key,
          title: i.title,
          teamId: i.teamId,
          status: i.status,
          priority: i.priority,
          estimate: i.estimate,
        })),
      },
      projected: JSON.parse(JSON.stringify(projected)) as Record<string, unknown>,
      lockedBy: actor.userId,
      loaded,
    }),
  );
}
