import { readPlan } from './plan-reader.js';

/** One quirk of docs/design.md 4.2 per case: a failure names the rule of the plan file that broke. */
const read = (doc: unknown) => readPlan(doc);
const at = (doc: unknown, path: string) =>
  read(doc)
    .problems.filter((p) => p.path === path)
    .map((p) => p.message);

const cycle = { key: 'Q1', name: 'Q1', start: '2027-01-01', end: '2027-03-31' };
const objective = (keyResult: Record<string, unknown>) => ({
  version: 1,
  objectives: [
    { key: 'O1', cycle: 'Q1', title: 'O', keyResults: [{ key: 'K1', title: 'K', ...keyResult }] },
  ],
});
const initiative = (fields: Record<string, unknown>) => ({
  version: 1,
  initiatives: [{ key: 'I1', title: 'I', ...fields }],
});

describe('plan file reader (docs/design.md 4.2)', () => {
  it('reads a minimal file with no problems', () => {
    expect(read({ version: 1 }).problems).toEqual([]);
  });

  it('requires the version', () => {
    expect(at({}, 'version')).toEqual([expect.stringMatching(/required/)]);
  });

  it('refuses a version other than 1', () => {
    expect(at({ version: 2 }, 'version')).toEqual([
      'unsupported version 2: this server reads version 1',
    ]);
  });

  it('names an unknown field and the fields it expected', () => {
    const problems = read({ version: 1, goal: [] }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/unknown field \(expected one of: version, vision, goals/);
  });

  it('refuses a document that is not a mapping', () => {
    expect(read(['version', 1]).problems[0].message).toBe('must be a mapping (key: value pairs)');
  });

  it('defaults a cycle to DRAFT', () => {
    expect(read({ version: 1, cycles: [cycle] }).plan.cycles[0].state).toBe('DRAFT');
  });

  it('refuses a cycle that ends before it starts, at its end', () => {
    expect(at({ version: 1, cycles: [{ ...cycle, end: '2026-12-31' }] }, 'cycles[0].end')).toEqual([
      'must not be before start (2027-01-01)',
    ]);
  });

  it('refuses a goal target share above 1', () => {
    const doc = { version: 1, goals: [{ key: 'G1', title: 'G', targetShare: 1.5 }] };
    expect(at(doc, 'goals[0].targetShare')).toHaveLength(1);
  });

  it("requires a key result's kind even though NUMERIC is what it would default to", () => {
    expect(at(objective({ start: 0, target: 10 }), 'objectives[0].keyResults[0].kind')).toEqual([
      'is required (one of NUMERIC, PERCENT, CURRENCY, BOOLEAN)',
    ]);
  });

  it('gives a BOOLEAN key result start 0 and target 1 when left out', () => {
    const kr = read(objective({ kind: 'BOOLEAN' })).plan.objectives[0].keyResults[0];
    expect(kr).toMatchObject({ start: 0, target: 1, current: 0, direction: 'INCREASE' });
  });

  it('infers DECREASE from a target below the start', () => {
    const kr = read(objective({ kind: 'PERCENT', start: 5, target: 2 })).plan.objectives[0]
      .keyResults[0];
    expect(kr.direction).toBe('DECREASE');
  });

  it('starts current at the start when no current is given', () => {
    const kr = read(objective({ kind: 'NUMERIC', start: 3, target: 9 })).plan.objectives[0]
      .keyResults[0];
    expect(kr.current).toBe(3);
  });

  it('requires a direction when start equals target', () => {
    const doc = objective({ kind: 'PERCENT', start: 2, target: 2 });
    expect(at(doc, 'objectives[0].keyResults[0].direction')).toEqual([
      'is required when start equals target (INCREASE or DECREASE)',
    ]);
  });

  it('refuses a direction that contradicts start and target', () => {
    const doc = objective({ kind: 'NUMERIC', start: 0, target: 10, direction: 'DECREASE' });
    expect(at(doc, 'objectives[0].keyResults[0].direction')).toEqual([
      'contradicts start 0 and target 10 (that is INCREASE)',
    ]);
  });

  it('asks no direction when the start was refused (nothing to compare)', () => {
    const doc = objective({ kind: 'NUMERIC', start: 'x', target: 'x' });
    expect(at(doc, 'objectives[0].keyResults[0].direction')).toEqual([]);
  });

  it('requires an upward link to name exactly one of goal / objective / keyResult', () => {
    const doc = {
      version: 1,
      objectives: [
        { key: 'O1', cycle: 'Q1', title: 'O', alignsTo: [{ goal: 'G1', objective: 'O2' }] },
      ],
    };
    expect(at(doc, 'objectives[0].alignsTo[0]')).toEqual([
      'must name exactly one of goal / objective / keyResult (got goal, objective)',
    ]);
  });

  it('weighs a link 1 when no weight is given', () => {
    const plan = read(initiative({ supports: [{ keyResult: 'K1' }] })).plan;
    expect(plan.initiatives[0].supports[0].weight).toBe(1);
  });

  it('refuses a link weight of 0 (weights are positive)', () => {
    const doc = initiative({ supports: [{ keyResult: 'K1', weight: 0 }] });
    expect(at(doc, 'initiatives[0].supports[0].weight')).toHaveLength(1);
  });

  it('defaults an initiative to PROPOSED, SHOULD and no estimate', () => {
    expect(read(initiative({})).plan.initiatives[0]).toMatchObject({
      status: 'PROPOSED',
      priority: 'SHOULD',
      estimate: null,
    });
  });

  it('names a blocker that is not a key by its place in blockedBy', () => {
    const problems = read(initiative({ blockedBy: ['I2', 'not a key!'] })).problems;
    expect(problems.map((p) => p.path)).toEqual(['initiatives[0].blockedBy[1]']);
  });
});
