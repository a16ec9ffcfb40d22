import { alignmentReport } from './alignment-report.js';
import type { AlignmentGraph, EffortGroup, WeightedLink } from './alignment.types.js';

/**
 * docs/design.md 2.1: ties in `percent` go to goals in key order, then buckets in the enum's order,
 * whatever order the database returns goals and ticket groups in.
 */
const MIX = { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 };

/** Goals (id -> key) each fed by its own initiative `i-<key>` through objective `o-<key>`. */
function graph(goals: [id: string, key: string][]): AlignmentGraph {
  return {
    goals: new Map(
      goals.map(([id, key]) => [
        id,
        { key, active: true, horizon: 'CORE' as const, targetShare: null },
      ]),
    ),
    objectives: new Map(
      goals.map(([id, key]) => [
        `o-${key}`,
        { active: true, links: [{ to: { kind: 'goal' as const, id }, weight: 1 }] },
      ]),
    ),
    keyResults: new Map(),
    initiatives: new Map<string, { active: boolean; links: WeightedLink[] }>([
      ...goals.map(([, key]): [string, { active: boolean; links: WeightedLink[] }] => [
        `i-${key}`,
        { active: true, links: [{ to: { kind: 'objective', id: `o-${key}` }, weight: 1 }] },
      ]),
      ['i-nowhere', { active: true, links: [] }],
    ]),
  };
}
const to = (initiative: string | null, effort: number): EffortGroup => ({
  initiatives: initiative ? [{ id: initiative, weight: 1 }] : [],
  effort,
  tickets: 1,
  unestimated: 0,
});
const percents = (g: AlignmentGraph, groups: EffortGroup[]) => {
  const report = alignmentReport(g, groups, MIX);
  const keys = new Map([...g.goals].map(([id, goal]) => [id, goal.key]));
  return {
    goals: report.goals.map((x) => [keys.get(x.goalId), x.percent]),
    buckets: report.unaligned.map((x) => [x.reason, x.percent]),
  };
};

describe('ties in percent', () => {
  const goals: [string, string][] = [
    ['id-c', 'G1'],
    ['id-b', 'G2'],
    ['id-a', 'G3'],
  ];
  const groups = [to('i-G1', 1), to('i-G2', 1), to('i-G3', 1)];

  it('equal efforts: the extra tenth goes to the first goal in key order, in either input order', () => {
    const expected = {
      goals: [
        ['G1', 33.4],
        ['G2', 33.3],
        ['G3', 33.3],
      ],
      buckets: [],
    };
    expect(percents(graph(goals), groups)).toEqual(expected);
    expect(percents(graph([...goals].reverse()), [...groups].reverse())).toEqual(expected);
  });

  it('goals come before buckets, buckets tie in the enum order', () => {
    const mixed = [to('i-G2', 1), to(null, 1), to('i-nowhere', 1)];
    const expected = {
      goals: [
        ['G1', 0],
        ['G2', 33.4],
        ['G3', 0],
      ],
      buckets: [
        ['NO_INITIATIVE', 33.3],
        ['NO_KEY_RESULT', 33.3],
      ],
    };
    expect(percents(graph(goals), mixed)).toEqual(expected);
    expect(percents(graph([...goals].reverse()), [...mixed].reverse())).toEqual(expected);
    const bucketsOnly = [to('i-nowhere', 1), to(null, 1), to(null, 1), to('i-nowhere', 1)];
    expect(percents(graph(goals), [to(null, 2), to('i-nowhere', 2), to('i-G3', 2)]).goals).toEqual([
      ['G1', 0],
      ['G2', 0],
      ['G3', 33.4],
    ]);
    expect(percents(graph(goals), bucketsOnly).buckets).toEqual([
      ['NO_INITIATIVE', 50],
      ['NO_KEY_RESULT', 50],
    ]);
  });

  it('efforts equal up to floating point still tie (0.1 + 0.2 against 0.3)', () => {
    const noisy = [to('i-G3', 0.1), to('i-G3', 0.2), to('i-G1', 0.3), to('i-G2', 0.3)];
    const expected = [
      ['G1', 33.4],
      ['G2', 33.3],
      ['G3', 33.3],
    ];
    expect(percents(graph(goals), noisy).goals).toEqual(expected);
    expect(percents(graph([...goals].reverse()), [...noisy].reverse()).goals).toEqual(expected);
  });
});
