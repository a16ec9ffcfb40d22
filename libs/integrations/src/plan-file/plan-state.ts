import type { EntityManager } from 'typeorm';
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
import {
  node,
  type ExistingKeys,
  type PlanCycle,
  type PlanGoal,
  type PlanInitiative,
  type PlanKeyResult,
  type PlanKpi,
  type PlanObjective,
  type PlanSprint,
  type PlanTeam,
  type PlanVision,
} from '@app/domain';

/**
 * The organization's strategy as plan-file entries, keyed by key: what an import compares the file
 * with, and what an export writes. One query per table, whatever the size of the plan.
 */
export interface PlanState {
  vision: Vision | null;
  rows: {
    goals: StrategicGoal[];
    kpis: Kpi[];
    teams: Team[];
    cycles: Cycle[];
    sprints: Sprint[];
    objectives: Objective[];
    keyResults: KeyResult[];
    initiatives: Initiative[];
    objectiveLinks: ObjectiveLink[];
    initiativeLinks: InitiativeLink[];
    dependencies: InitiativeDependency[];
  };
  /** plan-file views of the rows, by key */
  goals: Map<string, PlanGoal>;
  kpis: Map<string, PlanKpi>;
  teams: Map<string, PlanTeam>;
  cycles: Map<string, PlanCycle>;
  sprints: Map<string, PlanSprint>;
  /** objectives without their key results (compared separately) */
  objectives: Map<string, PlanObjective>;
  keyResults: Map<string, PlanKeyResult & { objective: string }>;
  initiatives: Map<string, PlanInitiative>;
  /** keys of archived rows per table: exports leave them out, an import listing one revives it */
  archived: Record<
    'kpis' | 'teams' | 'cycles' | 'sprints' | 'keyResults' | 'initiatives',
    Set<string>
  >;
  /** key -> id per table, for writing references */
  ids: Record<
    'goals' | 'kpis' | 'teams' | 'cycles' | 'sprints' | 'objectives' | 'keyResults' | 'initiatives',
    Map<string, string>
  >;
}

export async function loadPlanState(em: EntityManager): Promise<PlanState> {
  // Sequential on purpose: one transaction is one connection.
  const vision = (await em.find(Vision, { take: 1 }))[0] ?? null;
  const goals = await em.find(StrategicGoal);
  const kpis = await em.find(Kpi);
  const teams = await em.find(Team);
  const cycles = await em.find(Cycle);
  const sprints = await em.find(Sprint);
  const objectives = await em.find(Objective);
  const keyResults = await em.find(KeyResult);
  const initiatives = await em.find(Initiative);
  const objectiveLinks = await em.find(ObjectiveLink);
  const initiativeLinks = await em.find(InitiativeLink);
  const dependencies = await em.find(InitiativeDependency);
  const keyOf = (rows: { id: string; key: string }[]) => new Map(rows.map((r) => [r.id, r.key]));
  const goalKey = keyOf(goals);
  const teamKey = keyOf(teams);
  const cycleKey = keyOf(cycles);
  const objectiveKey = keyOf(objectives);
  const krKey = keyOf(keyResults);
  const byOwner = <L>(links: L[], owner: (l: L) => string) => {
    const map = new Map<string, L[]>();
    for (const link of links) map.set(owner(link), [...(map.get(owner(link)) ?? []), link]);
    return map;
  };
  const objectiveLinksOf = byOwner(objectiveLinks, (l) => l.objectiveId);
  const initiativeLinksOf = byOwner(initiativeLinks, (l) => l.initiativeId);
  const dependenciesOf = byOwner(dependencies, (d) => d.initiativeId);
  const initiativeKey = keyOf(initiatives);
  const ref = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);

  return {
    vision,
    rows: {
      goals,
      kpis,
      teams,
      cycles,
      sprints,
      objectives,
      keyResults,
      initiatives,
      objectiveLinks,
      initiativeLinks,
      dependencies,
    },
    goals: new Map(
      goals.map((g) => [
        g.key,
        {
          key: g.key,
          title: g.title,
          description: g.description,
          horizon: g.horizon,
          targetShare: g.targetShare,
          status: g.status,
        },
      ]),
    ),
    kpis: new Map(
      kpis.map((k) => [
        k.key,
        {
          key: k.key,
          goal: goalKey.get(k.goalId) ?? '',
          title: k.title,
          unit: k.unit,
          current: k.current,
          healthyMin: k.healthyMin,
          healthyMax: k.healthyMax,
        },
      ]),
    ),
    teams: new Map(teams.map((t) => [t.key, { key: t.key, name: t.name, capacity: t.capacity }])),
    cycles: new Map(
      cycles.map((c) => [
        c.key,
        { key: c.key, name: c.name, start: c.startDate, end: c.endDate, state: c.state },
      ]),
    ),
    sprints: new Map(
      sprints.map((s) => [
        s.key,
        {
          key: s.key,
          team: teamKey.get(s.teamId) ?? '',
          name: s.name,
          start: s.startDate,
          end: s.endDate,
          state: s.state,
          externalId: s.externalId,
        },
      ]),
    ),
    objectives: new Map(
      objectives.map((o) => [
        o.key,
        {
          key: o.key,
          cycle: cycleKey.get(o.cycleId) ?? '',
          team: ref(teamKey, o.teamId),
          title: o.title,
          description: o.description,
          status: o.status,
          alignsTo: sortLinks(
            (objectiveLinksOf.get(o.id) ?? []).map((l) => ({
              goal: ref(goalKey, l.goalId),
              objective: ref(objectiveKey, l.parentObjectiveId),
              keyResult: ref(krKey, l.keyResultId),
              weight: l.weight,
            })),
          ),
          keyResults: [],
        },
      ]),
    ),
    keyResults: new Map(
      keyResults.map((k) => [
        k.key,
        {
          key: k.key,
          objective: objectiveKey.get(k.objectiveId) ?? '',
          title: k.title,
          kind: k.kind,
          direction: k.direction,
          start: k.start,
          target: k.target,
          current: k.current,
          unit: k.unit,
          weight: k.weight,
        },
      ]),
    ),
    initiatives: new Map(
      initiatives.map((x) => [
        x.key,
        {
          key: x.key,
          externalKey: x.externalKey,
          title: x.title,
          team: ref(teamKey, x.teamId),
          status: x.status,
          priority: x.priority,
          estimate: x.estimate,
          cycle: ref(cycleKey, x.cycleId),
          supports: sortLinks(
            (initiativeLinksOf.get(x.id) ?? []).map((l) => ({
              keyResult: ref(krKey, l.keyResultId),
              objective: ref(objectiveKey, l.objectiveId),
              weight: l.weight,
            })),
          ),
          blockedBy: (dependenciesOf.get(x.id) ?? [])
            .map((d) => initiativeKey.get(d.blockedById) ?? '')
            .sort(),
        },
      ]),
    ),
    archived: {
      kpis: archivedKeys(kpis),
      teams: archivedKeys(teams),
      cycles: archivedKeys(cycles),
      sprints: archivedKeys(sprints),
      keyResults: archivedKeys(keyResults),
      initiatives: archivedKeys(initiatives),
    },
    ids: {
      goals: idsByKey(goals),
      kpis: idsByKey(kpis),
      teams: idsByKey(teams),
      cycles: idsByKey(cycles),
      sprints: idsByKey(sprints),
      objectives: idsByKey(objectives),
      keyResults: idsByKey(keyResults),
      initiatives: idsByKey(initiatives),
    },
  };
}

/** The keys a plan file may refer to without listing them, for checkPlanReferences. */
export function existingKeys(state: PlanState): ExistingKeys {
  return {
    goals: new Set(state.goals.keys()),
    kpis: new Set(state.kpis.keys()),
    teams: new Set(state.teams.keys()),
    cycles: new Set(state.cycles.keys()),
    activeCycles: new Set(
      [...state.cycles.values()].filter((c) => c.state === 'ACTIVE').map((c) => c.key),
    ),
    sprints: new Map([...state.sprints.values()].map((s) => [s.key, s.name])),
    objectives: new Set(state.objectives.keys()),
    keyResults: new Map([...state.keyResults.values()].map((k) => [k.key, k.objective])),
    initiatives: new Map([...state.initiatives.values()].map((x) => [x.key, x.externalKey])),
    objectiveParents: new Map(
      [...state.objectives.values()].map((o) => [
        o.key,
        o.alignsTo.flatMap((l) =>
          l.objective
            ? [node.objective(l.objective)]
            : l.keyResult
              ? [node.keyResult(l.keyResult)]
              : [],
        ),
      ]),
    ),
    initiativeBlockers: new Map([...state.initiatives.values()].map((x) => [x.key, x.blockedBy])),
  };
}

export function visionEntry(vision: Vision | null): PlanVision | null {
  return vision ? { statement: vision.statement, horizon: vision.horizon } : null;
}

/** Links are a set: a stable order makes "unchanged" a plain comparison. */
export function sortLinks<T extends object>(links: T[]): T[] {
  return [...links].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function idsByKey(rows: { id: string; key: string }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.key, r.id]));
}

function archivedKeys(rows: { key: string; archivedAt: Date | null }[]): Set<string> {
  return new Set(rows.filter((r) => r.archivedAt !== null).map((r) => r.key));
}
