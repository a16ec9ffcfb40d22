import {
  CAPACITY,
  ESTIMATE,
  MAX_NAME,
  MAX_NOTE,
  MAX_TITLE,
  MEASURE,
  WEIGHT,
  type NumberBound,
} from '../bounds.js';
import { ProblemList } from '../problem-list.js';
import {
  inferDirection,
  type Direction,
  type KeyResultKind,
} from '../progress/key-result-progress.js';
import { HORIZONS } from '../settings/organization-settings.js';
import { Fields } from './fields.js';
import type {
  Plan,
  PlanCycle,
  PlanGoal,
  PlanInitiative,
  PlanKeyResult,
  PlanKpi,
  PlanObjective,
  PlanSprint,
  PlanTeam,
  Problem,
} from './plan.types.js';

const SHARE: NumberBound = { min: 0, max: 1 };
/** `version` is checked for being 1 below; any finite number reads. */
const ANY: NumberBound = { min: -Number.MAX_VALUE, max: Number.MAX_VALUE };

const KINDS: readonly KeyResultKind[] = ['NUMERIC', 'PERCENT', 'CURRENCY', 'BOOLEAN'];
const DIRECTIONS: readonly Direction[] = ['INCREASE', 'DECREASE'];

/**
 * Reads a parsed plan document (docs/design.md 4.2): checks every field's presence, type and bound
 * (docs/design.md 4.5), fills the defaults, and returns the plan together with the problems found (with
 * their path in the file), bounded: they go into `problems`, which keeps the first ones and counts
 * the rest. References between entries are checked separately (checkPlanReferences), against the
 * file and the organization.
 */
export function readPlan(
  doc: unknown,
  problems = new ProblemList(),
): { plan: Plan; problems: Problem[] } {
  const root = new Fields(doc, '', problems, [
    'version',
    'vision',
    'goals',
    'kpis',
    'teams',
    'cycles',
    'sprints',
    'objectives',
    'initiatives',
  ]);
  const version = root.num('version', { required: true, bound: ANY });
  if (root.has('version') && version !== 1) {
    problems.push({
      path: 'version',
      message: `unsupported version ${version}: this server reads version 1`,
    });
  }
  const each = <T>(name: string, read: (value: unknown, path: string) => T): T[] =>
    root.list(name).map((value, i) => read(value, `${name}[${i}]`));

  const plan: Plan = {
    version: 1,
    vision: root.has('vision') ? readVision(root.raw('vision'), problems) : null,
    goals: each('goals', (v, p) =>
      readGoal(
        new Fields(v, p, problems, [
          'key',
          'title',
          'description',
          'horizon',
          'targetShare',
          'status',
        ]),
      ),
    ),
    kpis: each('kpis', (v, p) =>
      readKpi(
        new Fields(v, p, problems, [
          'key',
          'goal',
          'title',
          'unit',
          'current',
          'healthyMin',
          'healthyMax',
        ]),
        problems,
      ),
    ),
    teams: each('teams', (v, p) =>
      readTeam(new Fields(v, p, problems, ['key', 'name', 'capacity'])),
    ),
    cycles: each('cycles', (v, p) =>
      readCycle(new Fields(v, p, problems, ['key', 'name', 'start', 'end', 'state']), problems),
    ),
    sprints: each('sprints', (v, p) =>
      readSprint(
        new Fields(v, p, problems, ['key', 'team', 'name', 'start', 'end', 'state', 'externalId']),
        problems,
      ),
    ),
    objectives: each('objectives', (v, p) => readObjective(v, p, problems)),
    initiatives: each('initiatives', (v, p) => readInitiative(v, p, problems)),
  };
  return { plan, problems: problems.list() };
}

function readVision(value: unknown, problems: ProblemList) {
  const f = new Fields(value, 'vision', problems, ['statement', 'horizon']);
  return {
    statement: f.str('statement', { required: true, max: 2000 }),
    horizon: f.str('horizon', { max: 100, fallback: '' }),
  };
}

function readGoal(f: Fields): PlanGoal {
  return {
    key: f.key('key', true),
    title: f.str('title', { required: true, max: MAX_TITLE }),
    description: f.str('description', { max: MAX_NOTE, fallback: '' }),
    horizon: f.oneOf('horizon', HORIZONS, 'CORE'),
    targetShare: f.num('targetShare', { bound: SHARE }),
    status: f.oneOf('status', ['ACTIVE', 'ARCHIVED'] as const, 'ACTIVE'),
  };
}

function readKpi(f: Fields, problems: ProblemList): PlanKpi {
  const kpi: PlanKpi = {
    key: f.key('key', true),
    goal: f.key('goal', true),
    title: f.str('title', { required: true, max: MAX_TITLE }),
    unit: f.str('unit', { max: 50, fallback: '' }),
    current: f.num('current', { bound: MEASURE }),
    healthyMin: f.num('healthyMin', { bound: MEASURE }),
    healthyMax: f.num('healthyMax', { bound: MEASURE }),
  };
  if (kpi.healthyMin !== null && kpi.healthyMax !== null && kpi.healthyMin > kpi.healthyMax) {
    problems.push({ path: f.at('healthyMax'), message: 'must not be below healthyMin' });
  }
  return kpi;
}

function readTeam(f: Fields): PlanTeam {
  return {
    key: f.key('key', true),
    name: f.str('name', { required: true, max: MAX_NAME }),
    capacity: f.num('capacity', { fallback: 0, bound: CAPACITY }),
  };
}

function readCycle(f: Fields, problems: ProblemList): PlanCycle {
  const cycle: PlanCycle = {
    key: f.key('key', true),
    name: f.str('name', { required: true, max: MAX_NAME }),
    start: f.date('start'),
    end: f.date('end'),
    state: f.oneOf('state', ['DRAFT', 'ACTIVE', 'CLOSED'] as const, 'DRAFT'),
  };
  checkDateOrder(f, cycle.start, cycle.end, problems);
  return cycle;
}

function readSprint(f: Fields, problems: ProblemList): PlanSprint {
  const sprint: PlanSprint = {
    key: f.key('key', true),
    team: f.key('team', true),
    name: f.str('name', { required: true, max: MAX_NAME }),
    start: f.date('start'),
    end: f.date('end'),
    state: f.oneOf('state', ['FUTURE', 'ACTIVE', 'CLOSED'] as const, 'FUTURE'),
    externalId: f.str('externalId', { max: MAX_NAME }),
  };
  checkDateOrder(f, sprint.start, sprint.end, problems);
  return sprint;
}

function checkDateOrder(f: Fields, start: string, end: string, problems: ProblemList): void {
  if (start && end && end < start)
    problems.push({ path: f.at('end'), message: `must not be before start (${start})` });
}

function readObjective(value: unknown, path: string, problems: ProblemList): PlanObjective {
  const f = new Fields(value, path, problems, [
    'key',
    'cycle',
    'team',
    'title',
    'description',
    'status',
    'alignsTo',
    'keyResults',
  ]);
  return {
    key: f.key('key', true),
    cycle: f.key('cycle', true),
    team: f.key('team', false),
    title: f.str('title', { required: true, max: MAX_TITLE }),
    description: f.str('description', { max: MAX_NOTE, fallback: '' }),
    status: f.oneOf('status', ['ACTIVE', 'CANCELLED', 'ARCHIVED'] as const, 'ACTIVE'),
    alignsTo: f.list('alignsTo').map((v, i) => {
      const l = new Fields(v, f.at(`alignsTo[${i}]`), problems, [
        'goal',
        'objective',
        'keyResult',
        'weight',
      ]);
      const link = {
        goal: l.key('goal', false),
        objective: l.key('objective', false),
        keyResult: l.key('keyResult', false),
        weight: l.num('weight', { fallback: 1, bound: WEIGHT }),
      };
      exactlyOne(l, ['goal', 'objective', 'keyResult'], problems);
      return link;
    }),
    keyResults: f
      .list('keyResults')
      .map((v, i) =>
        readKeyResult(
          new Fields(v, f.at(`keyResults[${i}]`), problems, [
            'key',
            'title',
            'kind',
            'direction',
            'start',
            'target',
            'current',
            'unit',
            'weight',
          ]),
          problems,
        ),
      ),
  };
}

function readKeyResult(f: Fields, problems: ProblemList): PlanKeyResult {
  const kind = f.oneOf('kind', KINDS, 'NUMERIC');
  if (!f.has('kind'))
    problems.push({ path: f.at('kind'), message: `is required (one of ${KINDS.join(', ')})` });
  const boolean = kind === 'BOOLEAN';
  const start = boolean
    ? f.num('start', { fallback: 0, bound: MEASURE })
    : f.num('start', { required: true, bound: MEASURE });
  const target = boolean
    ? f.num('target', { fallback: 1, bound: MEASURE })
    : f.num('target', { required: true, bound: MEASURE });
  const given = f.oneOf('direction', DIRECTIONS, null);
  const inferred = inferDirection(start, target);
  // Only when both were read (a value refused for its bound is not there to compare).
  const read = f.raw('start') === start && f.raw('target') === target;
  if (inferred === null && given === null && read) {
    problems.push({
      path: f.at('direction'),
      message: 'is required when start equals target (INCREASE or DECREASE)',
    });
  }
  if (inferred !== null && given !== null && given !== inferred) {
    problems.push({
      path: f.at('direction'),
      message: `contradicts start ${start} and target ${target} (that is ${inferred})`,
    });
  }
  return {
    key: f.key('key', true),
    title: f.str('title', { required: true, max: MAX_TITLE }),
    kind,
    direction: given ?? inferred ?? 'INCREASE',
    start,
    target,
    current: f.num('current', { fallback: start, bound: MEASURE }),
    unit: f.str('unit', { max: 50, fallback: '' }),
    weight: f.num('weight', { fallback: 1, bound: WEIGHT }),
  };
}

function readInitiative(value: unknown, path: string, problems: ProblemList): PlanInitiative {
  const f = new Fields(value, path, problems, [
    'key',
    'externalKey',
    'title',
    'team',
    'status',
    'priority',
    'estimate',
    'cycle',
    'supports',
    'blockedBy',
  ]);
  return {
    key: f.key('key', true),
    externalKey: f.externalKey('externalKey'),
    title: f.str('title', { required: true, max: MAX_TITLE }),
    team: f.key('team', false),
    status: f.oneOf(
      'status',
      ['PROPOSED', 'PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const,
      'PROPOSED',
    ),
    priority: f.oneOf('priority', ['MUST', 'SHOULD', 'COULD', 'WONT'] as const, 'SHOULD'),
    estimate: f.num('estimate', { bound: ESTIMATE }),
    cycle: f.key('cycle', false),
    supports: f.list('supports').map((v, i) => {
      const l = new Fields(v, f.at(`supports[${i}]`), problems, [
        'keyResult',
        'objective',
        'weight',
      ]);
      const link = {
        keyResult: l.key('keyResult', false),
        objective: l.key('objective', false),
        weight: l.num('weight', { fallback: 1, bound: WEIGHT }),
      };
      exactlyOne(l, ['keyResult', 'objective'], problems);
      return link;
    }),
    blockedBy: f.list('blockedBy').map((v, i) => {
      // Each entry is a key: read as the one field of a mapping, so its problem names its place.
      const entry = new Fields({ [`blockedBy[${i}]`]: v }, f.path, problems, [`blockedBy[${i}]`]);
      return entry.key(`blockedBy[${i}]`, true);
    }),
  };
}

function exactlyOne(f: Fields, names: string[], problems: ProblemList): void {
  const given = names.filter((n) => f.has(n));
  if (given.length !== 1) {
    problems.push({
      path: f.path,
      message: `must name exactly one of ${names.join(' / ')}${given.length ? ` (got ${given.join(', ')})` : ''}`,
    });
  }
}
