import type { Plan, PlanObjective } from '@app/domain';
import { sortLinks, type PlanState } from './plan-state.js';

/** What an import would do, per entity kind: the entries to write, and the counts it reports. */
export interface PlanChanges {
  vision: boolean;
  goals: string[];
  kpis: string[];
  teams: string[];
  cycles: string[];
  sprints: string[];
  objectives: string[];
  /** objectives whose upward links differ from the file's */
  objectiveLinks: string[];
  keyResults: string[];
  initiatives: string[];
  initiativeLinks: string[];
  /** initiatives whose dependencies (blockedBy) differ from the file's */
  initiativeDependencies: string[];
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Compares every entry of the file with the organization's current state (both in plan-file
 * form), so re-importing the same file finds nothing to do. An archived row listed by the file
 * counts as updated: the file brings it back.
 */
export function diffPlan(plan: Plan, state: PlanState): PlanChanges {
  const changes: PlanChanges = {
    vision: false,
    goals: [],
    kpis: [],
    teams: [],
    cycles: [],
    sprints: [],
    objectives: [],
    objectiveLinks: [],
    keyResults: [],
    initiatives: [],
    initiativeLinks: [],
    initiativeDependencies: [],
    created: 0,
    updated: 0,
    unchanged: 0,
  };
  const count = (exists: boolean, same: boolean) => {
    if (!exists) changes.created++;
    else if (same) changes.unchanged++;
    else changes.updated++;
  };
  const section = <T extends { key: string }>(
    entries: T[],
    current: Map<string, T>,
    archived: Set<string>,
    out: string[],
  ) => {
    for (const entry of entries) {
      const before = current.get(entry.key);
      const same = before !== undefined && equal(before, entry) && !archived.has(entry.key);
      count(before !== undefined, same);
      if (!same) out.push(entry.key);
    }
  };

  if (plan.vision) {
    const same =
      state.vision !== null &&
      state.vision.statement === plan.vision.statement &&
      state.vision.horizon === plan.vision.horizon;
    count(state.vision !== null, same);
    changes.vision = !same;
  }
  section(plan.goals, state.goals, new Set(), changes.goals);
  section(plan.kpis, state.kpis, state.archived.kpis, changes.kpis);
  section(plan.teams, state.teams, state.archived.teams, changes.teams);
  section(plan.cycles, state.cycles, state.archived.cycles, changes.cycles);
  section(plan.sprints, state.sprints, state.archived.sprints, changes.sprints);

  for (const objective of plan.objectives) {
    const before = state.objectives.get(objective.key);
    const fieldsSame =
      before !== undefined && equal(withoutNested(before), withoutNested(objective));
    const linksSame = before !== undefined && equal(before.alignsTo, sortLinks(objective.alignsTo));
    count(before !== undefined, fieldsSame && linksSame);
    if (!fieldsSame) changes.objectives.push(objective.key);
    if (!linksSame) changes.objectiveLinks.push(objective.key);
    for (const kr of objective.keyResults) {
      const current = state.keyResults.get(kr.key);
      const same =
        current !== undefined &&
        equal(current, { ...kr, objective: objective.key }) &&
        !state.archived.keyResults.has(kr.key);
      count(current !== undefined, same);
      if (!same) changes.keyResults.push(kr.key);
    }
  }
  for (const initiative of plan.initiatives) {
    const before = state.initiatives.get(initiative.key);
    const fieldsSame =
      before !== undefined &&
      equal(
        { ...before, supports: [], blockedBy: [] },
        { ...initiative, supports: [], blockedBy: [] },
      ) &&
      !state.archived.initiatives.has(initiative.key);
    const linksSame =
      before !== undefined && equal(before.supports, sortLinks(initiative.supports));
    const dependenciesSame =
      before !== undefined && equal(before.blockedBy, [...new Set(initiative.blockedBy)].sort());
    count(before !== undefined, fieldsSame && linksSame && dependenciesSame);
    if (!fieldsSame) changes.initiatives.push(initiative.key);
    if (!linksSame) changes.initiativeLinks.push(initiative.key);
    if (!dependenciesSame) changes.initiativeDependencies.push(initiative.key);
  }
  return changes;
}

function withoutNested(o: PlanObjective) {
  return { ...o, alignsTo: [], keyResults: [] };
}

/** Structural equality of plain plan entries (key order does not matter). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
