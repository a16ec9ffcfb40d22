import { In, type EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import {
  CycleBaseline,
  InitiativeLink,
  ObjectiveLink,
  type Cycle,
  type Initiative,
  type Json,
  type StoredProjectedAlignment,
  type StoredRow,
} from '@app/database';
import { countedInitiatives, DomainError, plannedEffort } from '@app/domain';
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
      tree: asJson({ objectives, keyResults }),
      links: asJson({ objectiveLinks, initiativeLinks }),
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
      projected: asJson(projected),
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

/** The stored baseline in the API's shape, whichever shape its jsonb columns were written in. */
export function toBaselineType(baseline: CycleBaseline, cycle: Cycle): CycleBaselineType {
  const { tree, estimates } = baseline;
  return {
    id: baseline.id,
    cycle,
    createdAt: baseline.createdAt,
    loaded: baseline.loaded,
    objectiveCount: tree.objectives.length,
    keyResultCount: tree.keyResults.length,
    initiativeCount: countedInitiatives(estimates.initiatives).length,
    plannedEffort: plannedEffort(estimates.initiatives),
    projected: projectedOf(baseline.projected),
  };
}

/**
 * A value as its jsonb column will hold it, so what a baseline stores is what it reads back (the
 * column's type describes JSON: dates as strings).
 */
function asJson<T>(value: T): Json<T> {
  return JSON.parse(JSON.stringify(value));
}

/**
 * A stored projection in the API's shape. One stored before dependencies existed has no
 * dependency figures: nothing was at risk then, so they read as zero (the stored row itself stays
 * as it was written).
 */
function projectedOf(stored: StoredProjectedAlignment): ProjectedAlignmentType {
  const unestimatedInitiatives = stored.unestimatedInitiatives.map(storedInitiative);
  if ('atRiskEffort' in stored) return { ...stored, unestimatedInitiatives };
  return {
    ...stored,
    unestimatedInitiatives,
    atRiskEffort: 0,
    atRiskShare: 0,
    atRiskDependencies: [],
    goals: stored.goals.map((goal) => ({
      ...goal,
      atRiskEffort: 0,
      atRiskShare: 0,
      atRiskDependencies: [],
    })),
  };
}

/**
 * A stored initiative row as the API's Initiative: its dates revived, and version 1 for a row
 * stored before rows had versions (the version that migration gave every row then standing).
 */
function storedInitiative(row: StoredRow<Initiative>): Initiative {
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    archivedAt: row.archivedAt === null ? null : new Date(row.archivedAt),
    version: row.version ?? 1,
  };
}
