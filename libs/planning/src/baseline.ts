import { In, type EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { CycleBaseline, InitiativeLink, ObjectiveLink, type Cycle } from '@app/database';
import { DomainError } from '@app/domain';
import { livePlan } from './plan-figures.js';
import { cycleTree } from './plan.queries.js';
import type { CycleBaselineType, ProjectedAlignmentType } from './planning.types.js';

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
  const { planned: initiatives, projected } = await livePlan(em, actor, cycle);
  const { objectives, keyResults } = await cycleTree(em, cycle.id);
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

/** The cycle's baseline; BAD_USER_INPUT naming cycleKey when it was never locked. */
export async function baselineOf(em: EntityManager, cycle: Cycle): Promise<CycleBaseline> {
  const baseline = await em.findOne(CycleBaseline, { where: { cycleId: cycle.id } });
  if (!baseline) {
    throw DomainError.badInput('cycleKey', `cycle "${cycle.key}" has no baseline: lock it first`);
  }
  return baseline;
}

/** The projected share per goal of a baseline's (or a plan's) report. */
export function sharesOf(report: ProjectedAlignmentType): Map<string, number> {
  return new Map(report.goals.map((g) => [g.goalId, g.share]));
}

/** The stored baseline in the API's shape (the jsonb columns as they were written). */
export function toBaselineType(baseline: CycleBaseline, cycle: Cycle): CycleBaselineType {
  const tree = baseline.tree as { objectives?: unknown[]; keyResults?: unknown[] };
  const estimates = baseline.estimates as {
    initiatives?: { estimate: number | null; priority: string }[];
  };
  const planned = (estimates.initiatives ?? []).filter((i) => i.priority !== 'WONT');
  return {
    id: baseline.id,
    cycle,
    createdAt: baseline.createdAt,
    loaded: baseline.loaded,
    objectiveCount: tree.objectives?.length ?? 0,
    keyResultCount: tree.keyResults?.length ?? 0,
    initiativeCount: planned.length,
    plannedEffort: planned.reduce((sum, i) => sum + (i.estimate ?? 0), 0),
    projected: withDependencyRisk(baseline.projected as unknown as ProjectedAlignmentType),
  };
}

/**
 * A baseline stored before dependencies existed has no dependency figures: nothing was at risk
 * then, so they read as zero (the stored row itself stays as it was written).
 */
function withDependencyRisk(projected: ProjectedAlignmentType): ProjectedAlignmentType {
  return {
    ...projected,
    atRiskEffort: projected.atRiskEffort ?? 0,
    atRiskShare: projected.atRiskShare ?? 0,
    atRiskDependencies: projected.atRiskDependencies ?? [],
    goals: projected.goals.map((goal) => ({
      ...goal,
      atRiskEffort: goal.atRiskEffort ?? 0,
      atRiskShare: goal.atRiskShare ?? 0,
      atRiskDependencies: goal.atRiskDependencies ?? [],
    })),
  };
}
