import type { AlignmentGraph, EffortGroup, NodeRef, WeightedLink } from './alignment.types.js';
import { alignmentReport } from './alignment-report.js';
import { explainTicket, goalContributions } from './explain.js';
import { alignmentTree } from './tree.js';
import { ticketEffort } from './ticket-effort.js';

/** Named business cases of docs/design.md 2.1, each on a small hand-made graph. */
const MIX = { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 } as const;
const goal = (id: string): NodeRef => ({ kind: 'goal', id });
const objective = (id: string): NodeRef => ({ kind: 'objective', id });
const kr = (id: string): NodeRef => ({ kind: 'keyResult', id });
const link = (to: NodeRef, weight = 1): WeightedLink => ({ to, weight });

function graph(parts: {
  goals?: [
    string,
    {
      active?: boolean;
      horizon?: 'CORE' | 'ADJACENT' | 'TRANSFORMATIONAL';
      targetShare?: number | null;
    },
  ][];
  objectives?: [string, WeightedLink[], boolean?][];
  keyResults?: [string, string, boolean?][];
  initiatives?: [string, WeightedLink[], boolean?][];
}): AlignmentGraph {
  return {
    goals: new Map(
      (parts.goals ?? []).map(([id, g]) => [
        id,
        {
          key: id,
          active: g.active ?? true,
          horizon: g.horizon ?? 'CORE',
          targetShare: g.targetShare ?? null,
        },
      ]),
    ),
    objectives: new Map(
      (parts.objectives ?? []).map(([id, links, active]) => [
        id,
        { active: active ?? true, links },
      ]),
    ),
    keyResults: new Map(
      (parts.keyResults ?? []).map(([id, objectiveId, active]) => [
        id,
        { active: active ?? true, objectiveId },
      ]),
    ),
    initiatives: new Map(
      (parts.initiatives ?? []).map(([id, links, active]) => [
        id,
        { active: active ?? true, links },
      ]),
    ),
  };
}
const group = (
  effort: number,
  initiatives: [string, number?][] = [],
  tickets = 1,
  unestimated = 0,
): EffortGroup => ({
  initiatives: initiatives.map(([id, weight]) => ({ id, weight: weight ?? 1 })),
  effort,
  tickets,
  unestimated,
});
const byGoal = (report: ReturnType<typeof alignmentReport>) =>
  Object.fromEntries(report.goals.map((g) => [g.goalId, g]));
const byReason = (report: ReturnType<typeof alignmentReport>) =>
  Object.fromEntries(report.unaligned.map((b) => [b.reason, b]));

describe('alignment scenarios (docs/design.md 2.1)', () => {
  it('splits a multi-parent node by its link weights', () => {
    const g = graph({
      goals: [
        ['G1', { targetShare: 0.5 }],
        ['G2', {}],
      ],
      objectives: [['O1', [link(goal('G1'), 3), link(goal('G2'), 1)]]],
      keyResults: [['K1', 'O1']],
      initiatives: [['I1', [link(kr('K1'))]]],
    });
    const report = alignmentReport(g, [group(8, [['I1']])], MIX);
    expect(byGoal(report).G1).toMatchObject({
      effort: 6,
      share: 0.75,
      percent: 75,
      reach: 1,
      gap: 0.25,
    });
    expect(byGoal(report).G2).toMatchObject({
      effort: 2,
      share: 0.25,
      percent: 25,
      reach: 1,
      gap: null,
    });
    expect(report.unaligned).toEqual([]);
  });

  it('cascades through a parent objective', () => {
    const g = graph({
      goals: [['G1', {}]],
      objectives: [
        ['C1', [link(goal('G1'))]],
        ['T1', [link(objective('C1'))]],
      ],
      keyResults: [['T1-K', 'T1']],
      initiatives: [['I1', [link(kr('T1-K'))]]],
    });
    expect(byGoal(alignmentReport(g, [group(5, [['I1']])], MIX)).G1.effort).toBe(5);
  });

  it('cascades through a key result of another objective', () => {
    const g = graph({
      goals: [
        ['G1', {}],
        ['G2', {}],
      ],
      objectives: [
        ['C1', [link(goal('G1'))]],
        ['T1', [link(kr('C1-K'), 1), link(goal('G2'), 1)]],
      ],
      keyResults: [
        ['C1-K', 'C1'],
        ['T1-K', 'T1'],
      ],
      initiatives: [['I1', [link(kr('T1-K'))]]],
    });
    const report = alignmentReport(g, [group(10, [['I1']])], MIX);
    expect(byGoal(report).G1.effort).toBe(5);
    expect(byGoal(report).G2.effort).toBe(5);
    const contributions = goalContributions(g, new Map([['I1', 10]]), 'G1');
    expect(contributions.map((c) => [c.node.kind, c.node.id, c.effort])).toEqual([
      ['initiative', 'I1', 5],
      ['keyResult', 'T1-K', 5],
      ['objective', 'T1', 5],
      ['keyResult', 'C1-K', 5],
      ['objective', 'C1', 5],
    ]);
  });

  it('lets an initiative support an objective directly', () => {
    const g = graph({
      goals: [['G1', {}]],
      objectives: [['O1', [link(goal('G1'))]]],
      initiatives: [['I1', [link(objective('O1'))]]],
    });
    expect(byGoal(alignmentReport(g, [group(4, [['I1']])], MIX)).G1.effort).toBe(4);
  });

  it('stops effort at a cancelled objective, which keeps its weight (INACTIVE_TARGET)', () => {
    const g = graph({
      goals: [['G1', {}]],
      objectives: [
        ['O1', [link(goal('G1'))]],
        ['O2', [link(goal('G1'))], false],
      ],
      keyResults: [
        ['K1', 'O1'],
        ['K2', 'O2'],
      ],
      initiatives: [['I1', [link(kr('K1'), 1), link(kr('K2'), 3)]]],
    });
    const report = alignmentReport(g, [group(8, [['I1']])], MIX);
    expect(byGoal(report).G1).toMatchObject({ effort: 2, reach: 1 });
    expect(byReason(report).INACTIVE_TARGET).toMatchObject({
      effort: 6,
      ticketCount: 1,
      percent: 75,
    });
  });

  it('stops effort at an archived goal, which leaves the report', () => {
    const g = graph({
      goals: [
        ['G1', { active: false }],
        ['G2', {}],
      ],
      objectives: [['O1', [link(goal('G1'))]]],
      initiatives: [['I1', [link(objective('O1'))]]],
    });
    const report = alignmentReport(g, [group(3, [['I1']])], MIX);
    expect(report.goals.map((x) => x.goalId)).toEqual(['G2']);
    expect(byGoal(report).G2).toMatchObject({ effort: 0, percent: 0 });
    expect(byReason(report).INACTIVE_TARGET).toMatchObject({ effort: 3, percent: 100 });
  });

  it('labels where the chain broke: no initiative, no key result, no goal', () => {
    const g = graph({
      goals: [['G1', {}]],
      objectives: [['O-orphan', []]],
      initiatives: [
        ['I-bare', []],
        ['I-orphan', [link(objective('O-orphan'))]],
      ],
    });
    const report = alignmentReport(
      g,
      [group(1, [], 2), group(2, [['I-bare']], 1), group(4, [['I-orphan']], 3)],
      MIX,
    );
    expect(byReason(report)).toMatchObject({
      NO_INITIATIVE: { effort: 1, ticketCount: 2 },
      NO_KEY_RESULT: { effort: 2, ticketCount: 1 },
      NO_GOAL: { effort: 4, ticketCount: 3 },
    });
    expect(report.alignedShare).toBe(0);
    expect(report.horizons.find((h) => h.horizon === 'UNALIGNED')).toMatchObject({
      effort: 7,
      share: 1,
      targetShare: null,
    });
  });

  it('counts a ticket once in reach, however many of its initiatives reach the goal', () => {
    const g = graph({
      goals: [
        ['G1', {}],
        ['G2', {}],
      ],
      objectives: [
        ['O1', [link(goal('G1'))]],
        ['O2', [link(goal('G1')), link(goal('G2'))]],
      ],
      initiatives: [
        ['I1', [link(objective('O1'))]],
        ['I2', [link(objective('O2'))]],
      ],
    });
    const report = alignmentReport(g, [group(10, [['I1'], ['I2']]), group(10, [])], MIX);
    expect(byGoal(report).G1).toMatchObject({ effort: 7.5, share: 0.375, reach: 0.5 });
    expect(byGoal(report).G2).toMatchObject({ effort: 2.5, share: 0.125, reach: 0.5 });
  });

  it('weighs unestimated tickets by the organization setting, and counts them under either measure', () => {
    expect(ticketEffort(null, 'POINTS', 2)).toBe(2);
    expect(ticketEffort(0, 'POINTS', 2)).toBe(0);
    expect(ticketEffort(5, 'COUNT', 2)).toBe(1);
    const g = graph({
      goals: [['G1', {}]],
      objectives: [['O1', [link(goal('G1'))]]],
      initiatives: [['I1', [link(objective('O1'))]]],
    });
    const report = alignmentReport(
      g,
      [group(ticketEffort(null, 'POINTS', 2) * 3, [['I1']], 3, 3)],
      MIX,
    );
    expect(report).toMatchObject({ totalEffort: 6, unestimatedTickets: 3, ticketCount: 3 });
  });

  it('gives every ticket the same weight under COUNT', () => {
    const g = graph({
      goals: [
        ['G1', {}],
        ['G2', {}],
      ],
      objectives: [
        ['O1', [link(goal('G1'))]],
        ['O2', [link(goal('G2'))]],
      ],
      initiatives: [
        ['I1', [link(objective('O1'))]],
        ['I2', [link(objective('O2'))]],
      ],
    });
    const points = alignmentReport(g, [group(13, [['I1']]), group(1, [['I2']])], MIX);
    const count = alignmentReport(
      g,
      [group(ticketEffort(13, 'COUNT', 1), [['I1']]), group(ticketEffort(1, 'COUNT', 1), [['I2']])],
      MIX,
    );
    expect(byGoal(points).G1.share).toBeCloseTo(13 / 14, 12);
    expect(byGoal(count).G1.share).toBe(0.5);
  });

  it('reports zeros, and gap = -targetShare, when there is no effort', () => {
    const g = graph({ goals: [['G1', { targetShare: 0.3 }]] });
    const report = alignmentReport(g, [], MIX);
    expect(report).toMatchObject({ totalEffort: 0, alignedShare: 0, unaligned: [] });
    expect(byGoal(report).G1).toMatchObject({
      effort: 0,
      share: 0,
      percent: 0,
      reach: 0,
      gap: -0.3,
    });
  });

  it('rounds percents by largest remainder so goals and buckets sum to exactly 100.0', () => {
    const g = graph({
      goals: [
        ['A', {}],
        ['B', {}],
        ['C', {}],
      ],
      objectives: [
        ['OA', [link(goal('A'))]],
        ['OB', [link(goal('B'))]],
        ['OC', [link(goal('C'))]],
      ],
      initiatives: [
        ['IA', [link(objective('OA'))]],
        ['IB', [link(objective('OB'))]],
        ['IC', [link(objective('OC'))]],
      ],
    });
    const report = alignmentReport(
      g,
      [group(1, [['IA']]), group(1, [['IB']]), group(1, [['IC']])],
      MIX,
    );
    expect(report.goals.map((x) => x.percent)).toEqual([33.4, 33.3, 33.3]);
  });

  it('explains a ticket path by path, with the fraction along each', () => {
    const g = graph({
      goals: [['G1', {}]],
      objectives: [
        ['O1', [link(goal('G1'), 1), link(objective('O-dead'), 1)]],
        ['O-dead', [], false],
      ],
      keyResults: [['K1', 'O1']],
      initiatives: [
        ['I1', [link(kr('K1'))]],
        ['I2', []],
      ],
    });
    const paths = explainTicket(g, [
      { id: 'I1', weight: 3 },
      { id: 'I2', weight: 1 },
    ]);
    expect(
      paths.map((p) => [p.nodes.map((n) => n.id).join('>'), p.fraction, p.goalId ?? p.reason]),
    ).toEqual([
      ['I1>K1>O1>G1', 0.375, 'G1'],
      ['I1>K1>O1>O-dead', 0.375, 'INACTIVE_TARGET'],
      ['I2', 0.25, 'NO_KEY_RESULT'],
    ]);
    expect(explainTicket(g, [])).toEqual([
      { nodes: [], fraction: 1, goalId: null, reason: 'NO_INITIATIVE' },
    ]);
  });
});

describe('the alignment tree', () => {
  it('makes one branch per route, children summing to their parent', () => {
    const g = graph({
      goals: [['G1', {}]],
      objectives: [
        ['C1', [link(goal('G1'))]],
        ['T1', [link(kr('C1-K'), 1), link(goal('G1'), 1)]],
      ],
      keyResults: [
        ['C1-K', 'C1'],
        ['T1-K', 'T1'],
      ],
      initiatives: [['I1', [link(kr('T1-K'))]]],
    });
    const tree = alignmentTree(g, new Map([['I1', 8]]));
    const rows = tree.map((n) => [n.path.replace(/[a-zA-Z]+:/g, ''), n.effort]).sort();
    expect(rows).toEqual([
      ['G1', 8],
      ['G1>C1', 4],
      ['G1>C1>C1-K', 4],
      ['G1>C1>C1-K>T1', 4],
      ['G1>C1>C1-K>T1>T1-K', 4],
      ['G1>C1>C1-K>T1>T1-K>I1', 4],
      ['G1>T1', 4],
      ['G1>T1>T1-K', 4],
      ['G1>T1>T1-K>I1', 4],
    ]);
  });
});
