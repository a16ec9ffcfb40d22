import { findPath } from '../graph/find-path.js';
import type { Plan, Problem } from './plan.types.js';

/**
 * What the organization already holds, by key, for the entities a plan file may refer to without
 * listing them. Objective links and key-result owners of unlisted objectives take part in the
 * cycle check, since the file leaves them as they are.
 */
export interface ExistingKeys {
  goals: Set<string>;
  kpis: Set<string>;
  teams: Set<string>;
  cycles: Set<string>;
  /** cycle keys whose state is ACTIVE */
  activeCycles: Set<string>;
  /** sprint key -> name */
  sprints: Map<string, string>;
  objectives: Set<string>;
  /** key result key -> owning objective key */
  keyResults: Map<string, string>;
  /** initiative key -> externalKey */
  initiatives: Map<string, string | null>;
  /** objective key -> its upward link targets as graph nodes (see node()) */
  objectiveParents: Map<string, string[]>;
  /** initiative key -> the keys of the initiatives it is blocked by */
  initiativeBlockers: Map<string, string[]>;
}

/** Graph node ids: objectives and key results share the cycle check. */
export const node = {
  objective: (key: string) => `O:${key}`,
  keyResult: (key: string) => `K:${key}`,
};
const label = (id: string) => id.slice(2);

/**
 * Every reference problem of a plan: duplicate keys, references to keys neither in the file nor in
 * the organization, a key result moving to another objective, a second ACTIVE cycle, sprint names
 * or epic keys used twice, and upward links that would close a cycle (counting key-result
 * ownership edges).
 */
export function checkPlanReferences(plan: Plan, org: ExistingKeys): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const fileKeys = <T extends { key: string }>(section: string, entries: T[]) => {
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
      if (!entry.key) return;
      const first = seen.get(entry.key);
      if (first !== undefined)
        add(`${section}[${i}].key`, `duplicate key "${entry.key}" (also at ${section}[${first}])`);
      else seen.set(entry.key, i);
    });
    return new Set(seen.keys());
  };
  const goals = union(fileKeys('goals', plan.goals), org.goals);
  fileKeys('kpis', plan.kpis);
  const teams = union(fileKeys('teams', plan.teams), org.teams);
  const cycles = union(fileKeys('cycles', plan.cycles), org.cycles);
  fileKeys('sprints', plan.sprints);
  const objectives = union(fileKeys('objectives', plan.objectives), org.objectives);
  const initiatives = union(
    fileKeys('initiatives', plan.initiatives),
    new Set(org.initiatives.keys()),
  );

  // Key results: unique across the file; never moved to another objective.
  const krOwner = new Map(org.keyResults);
  const krSeen = new Map<string, string>();
  plan.objectives.forEach((o, i) =>
    o.keyResults.forEach((kr, j) => {
      const path = `objectives[${i}].keyResults[${j}].key`;
      if (!kr.key) return;
      const first = krSeen.get(kr.key);
      if (first) return add(path, `duplicate key result key "${kr.key}" (also at ${first})`);
      krSeen.set(kr.key, path);
      const owner = org.keyResults.get(kr.key);
      if (owner && owner !== o.key)
        add(
          path,
          `key result "${kr.key}" belongs to objective "${owner}"; a key result cannot move`,
        );
      krOwner.set(kr.key, o.key);
    }),
  );

  const need = (
    path: string,
    kind: string,
    key: string | null,
    known: Set<string> | Map<string, unknown>,
  ) => {
    if (key && !known.has(key)) add(path, `no ${kind} with key "${key}"`);
  };
  plan.kpis.forEach((k, i) => need(`kpis[${i}].goal`, 'goal', k.goal, goals));
  plan.sprints.forEach((s, i) => need(`sprints[${i}].team`, 'team', s.team, teams));
  plan.objectives.forEach((o, i) => {
    need(`objectives[${i}].cycle`, 'cycle', o.cycle, cycles);
    need(`objectives[${i}].team`, 'team', o.team, teams);
    o.alignsTo.forEach((l, j) => {
      const path = `objectives[${i}].alignsTo[${j}]`;
      need(`${path}.goal`, 'goal', l.goal, goals);
      need(`${path}.objective`, 'objective', l.objective, objectives);
      need(`${path}.keyResult`, 'key result', l.keyResult, krOwner);
    });
  });
  plan.initiatives.forEach((x, i) => {
    need(`initiatives[${i}].team`, 'team', x.team, teams);
    need(`initiatives[${i}].cycle`, 'cycle', x.cycle, cycles);
    x.supports.forEach((l, j) => {
      need(`initiatives[${i}].supports[${j}].keyResult`, 'key result', l.keyResult, krOwner);
      need(`initiatives[${i}].supports[${j}].objective`, 'objective', l.objective, objectives);
    });
    x.blockedBy.forEach((key, j) => {
      const path = `initiatives[${i}].blockedBy[${j}]`;
      need(path, 'initiative', key, initiatives);
      if (key === x.key) add(path, `an initiative cannot be blocked by itself ("${key}")`);
    });
  });

  checkUniqueAcross(
    plan.sprints.map((s, i) => ({ key: s.key, value: s.name, path: `sprints[${i}].name` })),
    org.sprints,
    'sprint name',
    add,
  );
  checkUniqueAcross(
    plan.initiatives.map((x, i) => ({
      key: x.key,
      value: x.externalKey,
      path: `initiatives[${i}].externalKey`,
    })),
    org.initiatives,
    'externalKey',
    add,
  );

  const listedCycles = new Set(plan.cycles.map((c) => c.key));
  const active = [
    ...plan.cycles.filter((c) => c.state === 'ACTIVE').map((c) => c.key),
    ...[...org.activeCycles].filter((k) => !listedCycles.has(k)),
  ];
  if (active.length > 1) {
    const i = plan.cycles.findIndex((c) => c.state === 'ACTIVE');
    add(
      i >= 0 ? `cycles[${i}].state` : 'cycles',
      `at most one cycle can be ACTIVE (would be: ${active.join(', ')})`,
    );
  }

  problems.push(...cycleProblems(plan, org, krOwner));
  problems.push(...dependencyCycleProblems(plan, org));
  return problems;
}

/**
 * Dependencies that would close a cycle (each initiative waiting on the other), on the
 * dependencies as they would be after the import: the file's lists replace those of the
 * initiatives it lists.
 */
function dependencyCycleProblems(plan: Plan, org: ExistingKeys): Problem[] {
  const blockers = new Map(org.initiativeBlockers);
  for (const x of plan.initiatives) blockers.set(x.key, x.blockedBy);
  const problems: Problem[] = [];
  const reported = new Set<string>();
  plan.initiatives.forEach((x, i) =>
    x.blockedBy.forEach((key, j) => {
      if (key === x.key) return; // reported as a self-dependency
      const path = findPath(key, x.key, (k) => blockers.get(k) ?? []);
      if (!path) return;
      const cycle = [x.key, ...path];
      const id = [...new Set(cycle)].sort().join(',');
      if (reported.has(id)) return;
      reported.add(id);
      problems.push({
        path: `initiatives[${i}].blockedBy[${j}]`,
        message: `closes the dependency cycle ${cycle.join(' -> ')}`,
      });
    }),
  );
  return problems;
}

/** Values (sprint names, epic keys) must stay unique among the file and the unlisted org rows. */
function checkUniqueAcross(
  entries: { key: string; value: string | null; path: string }[],
  org: Map<string, string | null>,
  what: string,
  add: (path: string, message: string) => void,
): void {
  const listed = new Set(entries.map((e) => e.key));
  const owner = new Map<string, string>();
  for (const [key, value] of org) if (value && !listed.has(key)) owner.set(value, key);
  for (const entry of entries) {
    if (!entry.value) continue;
    const other = owner.get(entry.value);
    if (other && other !== entry.key)
      add(entry.path, `${what} "${entry.value}" is already used by "${other}"`);
    else owner.set(entry.value, entry.key);
  }
}

/** Upward links that would close a cycle, checked on the graph as it would be after the import. */
function cycleProblems(plan: Plan, org: ExistingKeys, krOwner: Map<string, string>): Problem[] {
  const parents = new Map<string, string[]>();
  const listed = new Set(plan.objectives.map((o) => o.key));
  for (const [objective, targets] of org.objectiveParents) {
    if (!listed.has(objective)) parents.set(node.objective(objective), targets);
  }
  for (const o of plan.objectives) {
    parents.set(
      node.objective(o.key),
      o.alignsTo.flatMap((l) =>
        l.objective
          ? [node.objective(l.objective)]
          : l.keyResult
            ? [node.keyResult(l.keyResult)]
            : [],
      ),
    );
  }
  for (const [kr, objective] of krOwner)
    parents.set(node.keyResult(kr), [node.objective(objective)]);
  const parentsOf = (id: string) => parents.get(id) ?? [];

  const problems: Problem[] = [];
  const reported = new Set<string>();
  plan.objectives.forEach((o, i) =>
    o.alignsTo.forEach((l, j) => {
      const target = l.objective
        ? node.objective(l.objective)
        : l.keyResult
          ? node.keyResult(l.keyResult)
          : null;
      if (!target) return;
      const from = node.objective(o.key);
      const path = target === from ? [from] : findPath(target, from, parentsOf);
      if (!path) return;
      const cycle = [from, ...path].map(label);
      const id = [...new Set(cycle)].sort().join(',');
      if (reported.has(id)) return;
      reported.add(id);
      problems.push({
        path: `objectives[${i}].alignsTo[${j}]`,
        message: `closes the cycle ${cycle.join(' -> ')}`,
      });
    }),
  );
  return problems;
}

function union<T>(a: Set<T>, b: Set<T>): Set<T> {
  return new Set([...a, ...b]);
}
