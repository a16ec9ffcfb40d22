import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  Cycle,
  Initiative,
  InitiativeDependency,
  InitiativeLink,
  KeyResult,
  Kpi,
  Objective,
  ObjectiveLink,
  Sprint,
  StrategicGoal,
  Team,
  Vision,
} from '@app/database';
import type { Plan } from '@app/domain';
import type { PlanChanges } from './plan-diff.js';
import type { PlanState } from './plan-state.js';

const CHUNK = 1000;

/**
 * Writes the changed entries of a checked plan, set-based: one multi-row upsert per 1,000 rows per
 * table, in dependency order (a referenced row's id is known before the rows that point at it).
 * Runs inside the import's transaction; links of a listed entity are replaced by the file's.
 */
export async function writePlan(
  em: EntityManager,
  organizationId: string,
  plan: Plan,
  state: PlanState,
  changes: PlanChanges,
): Promise<void> {
  const org = organizationId;
  const only = <T extends { key: string }>(entries: T[], keys: string[]) => {
    const wanted = new Set(keys);
    return entries.filter((e) => wanted.has(e.key));
  };
  const ids = { ...state.ids };
  const id = (map: Map<string, string>, key: string | null) =>
    key === null ? null : map.get(key)!;

  if (changes.vision && plan.vision) {
    if (state.vision) await em.update(Vision, { id: state.vision.id }, { ...plan.vision });
    else await em.insert(Vision, { organizationId: org, ...plan.vision });
  }
  const visionId = (await em.find(Vision, { take: 1 }))[0]?.id;

  await upsert(
    em,
    StrategicGoal,
    only(plan.goals, changes.goals).map((g) => ({ organizationId: org, visionId, ...g })),
  );
  ids.goals = await keyIds(em, StrategicGoal);

  await upsert(
    em,
    Team,
    only(plan.teams, changes.teams).map((t) => ({ organizationId: org, ...t, archivedAt: null })),
  );
  ids.teams = await keyIds(em, Team);

  // Deactivate before activating: at most one cycle may be ACTIVE at any moment.
  const cycles = only(plan.cycles, changes.cycles).map((c) => ({
    organizationId: org,
    key: c.key,
    name: c.name,
    startDate: c.start,
    endDate: c.end,
    state: c.state,
    archivedAt: null,
  }));
  await upsert(
    em,
    Cycle,
    cycles.filter((c) => c.state !== 'ACTIVE'),
  );
  await upsert(
    em,
    Cycle,
    cycles.filter((c) => c.state === 'ACTIVE'),
  );
  ids.cycles = await keyIds(em, Cycle);

  await upsert(
    em,
    Sprint,
    only(plan.sprints, changes.sprints).map((s) => ({
      organizationId: org,
      key: s.key,
      teamId: id(ids.teams, s.team),
      name: s.name,
      startDate: s.start,
      endDate: s.end,
      state: s.state,
      externalId: s.externalId,
      archivedAt: null,
    })),
  );

  await upsert(
    em,
    Kpi,
    only(plan.kpis, changes.kpis).map((k) => ({
      organizationId: org,
      key: k.key,
      goalId: id(ids.goals, k.goal),
      title: k.title,
      unit: k.unit,
      current: k.current,
      healthyMin: k.healthyMin,
      healthyMax: k.healthyMax,
      archivedAt: null,
    })),
  );

  await upsert(
    em,
    Objective,
    only(plan.objectives, changes.objectives).map((o) => ({
      organizationId: org,
      key: o.key,
      cycleId: id(ids.cycles, o.cycle),
      teamId: id(ids.teams, o.team),
      title: o.title,
      description: o.description,
      status: o.status,
    })),
  );
  ids.objectives = await keyIds(em, Objective);

  const changedKrs = new Set(changes.keyResults);
  await upsert(
    em,
    KeyResult,
    plan.objectives.flatMap((o) =>
      o.keyResults
        .filter((kr) => changedKrs.has(kr.key))
        .map((kr) => ({
          organizationId: org,
          objectiveId: id(ids.objectives, o.key),
          ...kr,
          archivedAt: null,
        })),
    ),
  );
  ids.keyResults = await keyIds(em, KeyResult);

  await upsert(
    em,
    Initiative,
    only(plan.initiatives, changes.initiatives).map((x) => ({
      organizationId: org,
      key: x.key,
      externalKey: x.externalKey,
      title: x.title,
      teamId: id(ids.teams, x.team),
      status: x.status,
      priority: x.priority,
      estimate: x.estimate,
      cycleId: id(ids.cycles, x.cycle),
      archivedAt: null,
    })),
  );
  ids.initiatives = await keyIds(em, Initiative);

  const relinkObjectives = only(plan.objectives, changes.objectiveLinks);
  await deleteWhereIn(
    em,
    ObjectiveLink,
    'objectiveId',
    relinkObjectives.map((o) => ids.objectives.get(o.key)!),
  );
  await insert(
    em,
    ObjectiveLink,
    relinkObjectives.flatMap((o) =>
      o.alignsTo.map((l) => ({
        organizationId: org,
        objectiveId: ids.objectives.get(o.key)!,
        goalId: id(ids.goals, l.goal),
        parentObjectiveId: id(ids.objectives, l.objective),
        keyResultId: id(ids.keyResults, l.keyResult),
        weight: l.weight,
      })),
    ),
  );

  const relinkInitiatives = only(plan.initiatives, changes.initiativeLinks);
  await deleteWhereIn(
    em,
    InitiativeLink,
    'initiativeId',
    relinkInitiatives.map((x) => ids.initiatives.get(x.key)!),
  );
  await insert(
    em,
    InitiativeLink,
    relinkInitiatives.flatMap((x) =>
      x.supports.map((l) => ({
        organizationId: org,
        initiativeId: ids.initiatives.get(x.key)!,
        keyResultId: id(ids.keyResults, l.keyResult),
        objectiveId: id(ids.objectives, l.objective),
        weight: l.weight,
      })),
    ),
  );

  // Dependencies: the file's list is authoritative for a listed initiative. Kept ones keep their
  // note (the file carries none), the others go, the new ones come.
  const wanted = only(plan.initiatives, changes.initiativeDependencies).map((x) => ({
    id: ids.initiatives.get(x.key)!,
    blockers: new Set(x.blockedBy.map((key) => ids.initiatives.get(key)!)),
  }));
  const stale = state.rows.dependencies.filter((d) =>
    wanted.some((w) => w.id === d.initiativeId && !w.blockers.has(d.blockedById)),
  );
  await deleteWhereIn(
    em,
    InitiativeDependency,
    'id',
    stale.map((d) => d.id),
  );
  const held = new Set(state.rows.dependencies.map((d) => `${d.initiativeId} ${d.blockedById}`));
  await insert(
    em,
    InitiativeDependency,
    wanted.flatMap((w) =>
      [...w.blockers]
        .filter((blocker) => !held.has(`${w.id} ${blocker}`))
        .map((blockedById) => ({ organizationId: org, initiativeId: w.id, blockedById })),
    ),
  );
}

async function upsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em.upsert(target, rows.slice(i, i + CHUNK) as never, {
      conflictPaths: ['organizationId', 'key'],
    });
  }
}

async function insert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em.insert(target, rows.slice(i, i + CHUNK) as never);
  }
}

async function deleteWhereIn<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  column: string,
  ids: string[],
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await em.delete(target, { [column]: In(ids.slice(i, i + CHUNK)) } as never);
  }
}

async function keyIds<T extends { id: string; key: string }>(
  em: EntityManager,
  target: EntityTarget<T>,
): Promise<Map<string, string>> {
  const rows = await em.createQueryBuilder(target, 'e').select(['e.id', 'e.key']).getMany();
  return new Map(rows.map((r) => [r.key, r.id]));
}
