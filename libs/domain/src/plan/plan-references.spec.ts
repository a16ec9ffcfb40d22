import { readPlan } from './plan-reader.js';
import { checkPlanReferences, type ExistingKeys } from './plan-references.js';

/**
 * One reference rule of docs/design.md 4.2 per case, checked on a file against an organization:
 * a failure names the rule that broke.
 */
function org(overrides: Partial<ExistingKeys> = {}): ExistingKeys {
  return {
    goals: new Set(),
    kpis: new Set(),
    teams: new Set(),
    cycles: new Set(),
    activeCycles: new Set(),
    sprints: new Map(),
    objectives: new Set(),
    keyResults: new Map(),
    initiatives: new Map(),
    objectiveParents: new Map(),
    initiativeBlockers: new Map(),
    ...overrides,
  };
}

const check = (doc: Record<string, unknown>, existing = org()) => {
  const { plan, problems } = readPlan({ version: 1, ...doc });
  expect(problems).toEqual([]); // each case is about references only
  return checkPlanReferences(plan, existing);
};
const cycle = (key: string, state = 'DRAFT') => ({
  key,
  name: key,
  start: '2027-01-01',
  end: '2027-03-31',
  state,
});
const kr = (key: string) => ({ key, title: key, kind: 'NUMERIC', start: 0, target: 1 });

describe('plan file references (docs/design.md 4.2)', () => {
  it('names a duplicate key and where it was first', () => {
    expect(
      check({
        goals: [
          { key: 'G', title: 'a' },
          { key: 'G', title: 'b' },
        ],
      }),
    ).toEqual([{ path: 'goals[1].key', message: 'duplicate key "G" (also at goals[0])' }]);
  });

  it('finds a reference in the organization when the file does not list it', () => {
    const doc = { objectives: [{ key: 'O', cycle: 'Q1', title: 'O', alignsTo: [{ goal: 'G' }] }] };
    expect(check(doc, org({ goals: new Set(['G']), cycles: new Set(['Q1']) }))).toEqual([]);
  });

  it('names a reference known neither to the file nor to the organization', () => {
    const doc = {
      cycles: [cycle('Q1')],
      objectives: [{ key: 'O', cycle: 'Q1', title: 'O', alignsTo: [{ goal: 'G9' }] }],
    };
    expect(check(doc)).toEqual([
      { path: 'objectives[0].alignsTo[0].goal', message: 'no goal with key "G9"' },
    ]);
  });

  it('keeps a key result with its objective: it cannot move to another', () => {
    const doc = {
      cycles: [cycle('Q1')],
      objectives: [{ key: 'O2', cycle: 'Q1', title: 'O', keyResults: [kr('K')] }],
    };
    expect(check(doc, org({ keyResults: new Map([['K', 'O1']]) }))).toEqual([
      {
        path: 'objectives[0].keyResults[0].key',
        message: 'key result "K" belongs to objective "O1"; a key result cannot move',
      },
    ]);
  });

  it('counts key result keys across objectives, not per objective', () => {
    const doc = {
      cycles: [cycle('Q1')],
      objectives: [
        { key: 'O1', cycle: 'Q1', title: 'O', keyResults: [kr('K')] },
        { key: 'O2', cycle: 'Q1', title: 'O', keyResults: [kr('K')] },
      ],
    };
    expect(check(doc)).toEqual([
      {
        path: 'objectives[1].keyResults[0].key',
        message: 'duplicate key result key "K" (also at objectives[0].keyResults[0].key)',
      },
    ]);
  });

  it("allows one ACTIVE cycle, counting the organization's unlisted ones", () => {
    const problems = check(
      { cycles: [cycle('Q2', 'ACTIVE')] },
      org({ cycles: new Set(['Q1']), activeCycles: new Set(['Q1']) }),
    );
    expect(problems).toEqual([
      { path: 'cycles[0].state', message: 'at most one cycle can be ACTIVE (would be: Q2, Q1)' },
    ]);
  });

  it('lets a file close the ACTIVE cycle it lists while activating another', () => {
    const doc = { cycles: [cycle('Q1', 'CLOSED'), cycle('Q2', 'ACTIVE')] };
    expect(check(doc, org({ cycles: new Set(['Q1']), activeCycles: new Set(['Q1']) }))).toEqual([]);
  });

  it('refuses an initiative blocked by itself', () => {
    expect(check({ initiatives: [{ key: 'I', title: 'I', blockedBy: ['I'] }] })).toContainEqual({
      path: 'initiatives[0].blockedBy[0]',
      message: 'an initiative cannot be blocked by itself ("I")',
    });
  });

  it("refuses a dependency cycle through the organization's dependencies, reported once", () => {
    const doc = { initiatives: [{ key: 'A', title: 'A', blockedBy: ['B'] }] };
    const existing = org({
      initiatives: new Map([
        ['B', null],
        ['C', null],
      ]),
      initiativeBlockers: new Map([
        ['B', ['C']],
        ['C', ['A']],
      ]),
    });
    expect(check(doc, existing)).toEqual([
      {
        path: 'initiatives[0].blockedBy[0]',
        message: 'closes the dependency cycle A -> B -> C -> A',
      },
    ]);
  });

  it('replaces the dependencies of the initiatives the file lists (no cycle left)', () => {
    const doc = {
      initiatives: [
        { key: 'A', title: 'A', blockedBy: ['B'] },
        { key: 'B', title: 'B' },
      ],
    };
    const existing = org({
      initiatives: new Map([['B', null]]),
      initiativeBlockers: new Map([['B', ['A']]]),
    });
    expect(check(doc, existing)).toEqual([]);
  });

  it('refuses an upward link that closes a cycle of objectives', () => {
    const doc = {
      cycles: [cycle('Q1')],
      objectives: [
        { key: 'O1', cycle: 'Q1', title: 'O', alignsTo: [{ objective: 'O2' }] },
        { key: 'O2', cycle: 'Q1', title: 'O', alignsTo: [{ objective: 'O1' }] },
      ],
    };
    const problems = check(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^closes the cycle /);
  });

  it('keeps sprint names unique among the file and the organization', () => {
    const doc = {
      teams: [{ key: 'T', name: 'T' }],
      sprints: [{ key: 'S2', team: 'T', name: 'Sprint 1', start: '2027-01-01', end: '2027-01-14' }],
    };
    const problems = check(doc, org({ sprints: new Map([['S1', 'Sprint 1']]) }));
    expect(problems.map((p) => p.path)).toEqual(['sprints[0].name']);
  });
});
