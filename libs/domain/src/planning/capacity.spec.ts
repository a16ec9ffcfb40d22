import { capacityPlan } from './capacity.js';
import { carriedKey, projectedEffortGroups } from './projection.js';
import { goalScore, planVsActual } from './retro.js';

describe('capacityPlan', () => {
  const initiatives = [
    { id: 'c1', key: 'C1', teamId: 't', priority: 'COULD' as const, estimate: 5 },
    { id: 'm2', key: 'M2', teamId: 't', priority: 'MUST' as const, estimate: 8 },
    { id: 'm1', key: 'M1', teamId: 't', priority: 'MUST' as const, estimate: 10 },
    { id: 's1', key: 'S1', teamId: 't', priority: 'SHOULD' as const, estimate: null },
    { id: 's2', key: 'S2', teamId: 't', priority: 'SHOULD' as const, estimate: 2 },
    { id: 'w1', key: 'W1', teamId: 't', priority: 'WONT' as const, estimate: 100 },
    { id: 'o1', key: 'O1', teamId: 'other', priority: 'MUST' as const, estimate: 3 },
    { id: 'n1', key: 'N1', teamId: null, priority: 'MUST' as const, estimate: 3 },
  ];

  it('names stored numbers outside the bounds instead of returning Infinity', () => {
    const big = [
      { id: 'a', key: 'A', teamId: 't', priority: 'MUST' as const, estimate: 1e308 },
      { id: 'b', key: 'B', teamId: 't', priority: 'MUST' as const, estimate: 1e308 },
    ];
    expect(() =>
      capacityPlan([{ teamId: 't', capacityPerSprint: 10, sprintEquivalents: 2 }], big),
    ).toThrow(expect.objectContaining({ code: 'DATA_OUT_OF_BOUNDS' }));
    expect(() =>
      capacityPlan([{ teamId: 't', capacityPerSprint: 1e308, sprintEquivalents: 2 }], initiatives),
    ).toThrow(/^the capacity of team t is Infinity, not a finite number/);
  });

  it('takes MUST, SHOULD, COULD in order and draws the cut where capacity runs out', () => {
    // capacity 10 x 2 sprints = 20: M1 10, M2 18, S1 18, S2 20 (exactly full), C1 25 (cut)
    const [team] = capacityPlan(
      [{ teamId: 't', capacityPerSprint: 10, sprintEquivalents: 2 }],
      initiatives,
    );
    expect(team.capacity).toBe(20);
    expect(team.demand).toBe(25);
    expect(team.overCommitted).toBe(true);
    expect(team.lines.map((l) => [l.initiativeId, l.cumulative, l.aboveCut])).toEqual([
      ['m1', 10, true],
      ['m2', 18, true],
      ['s1', 18, true],
      ['s2', 20, true],
      ['c1', 25, false],
    ]);
  });

  it('is not over-committed when demand fits, and a team with no sprint equivalents has no capacity', () => {
    const [other, empty] = capacityPlan(
      [
        { teamId: 'other', capacityPerSprint: 5, sprintEquivalents: 1 },
        { teamId: 'none', capacityPerSprint: 5, sprintEquivalents: 0 },
      ],
      initiatives,
    );
    expect(other).toMatchObject({ capacity: 5, demand: 3, overCommitted: false });
    expect(empty).toMatchObject({ capacity: 0, demand: 0, overCommitted: false, lines: [] });
  });

  it('keeps everything below the cut once it is crossed', () => {
    const [team] = capacityPlan(
      [{ teamId: 't', capacityPerSprint: 9, sprintEquivalents: 1 }],
      initiatives.filter((i) => i.teamId === 't'),
    );
    expect(team.lines.map((l) => l.aboveCut)).toEqual([false, false, false, false, false]);
  });
});

describe('projectedEffortGroups', () => {
  it('leaves WONT out, counts unestimated as 0 and lists them', () => {
    const { groups, unestimated } = projectedEffortGroups([
      { id: 'a', priority: 'MUST', estimate: 5 },
      { id: 'b', priority: 'COULD', estimate: null },
      { id: 'c', priority: 'WONT', estimate: 8 },
    ]);
    expect(groups).toEqual([
      { initiatives: [{ id: 'a', weight: 1 }], effort: 5, tickets: 1, unestimated: 0 },
      { initiatives: [{ id: 'b', weight: 1 }], effort: 0, tickets: 1, unestimated: 1 },
    ]);
    expect(unestimated).toEqual(['b']);
  });

  it('names copies <old key>@<cycle key>', () => {
    expect(carriedKey('O1', 'Q2-27')).toBe('O1@Q2-27');
  });
});

describe('planVsActual and goalScore', () => {
  it('pairs planned and actual shares per goal, with drift where both exist', () => {
    const rows = planVsActual(
      new Map([
        ['g1', 0.5],
        ['g2', 0.25],
      ]),
      new Map([
        ['g2', 0.5],
        ['g3', 0.1],
      ]),
    );
    expect(rows).toEqual([
      { goalId: 'g1', plannedShare: 0.5, actualShare: null, drift: null },
      { goalId: 'g2', plannedShare: 0.25, actualShare: 0.5, drift: 0.25 },
      { goalId: 'g3', plannedShare: null, actualShare: 0.1, drift: null },
    ]);
  });

  it('scores a goal by the link-weighted mean of its scored objectives', () => {
    expect(
      goalScore([
        { score: 1, weight: 1 },
        { score: 0.4, weight: 2 },
        { score: null, weight: 5 },
      ]),
    ).toBeCloseTo(0.6);
    expect(goalScore([{ score: null, weight: 1 }])).toBeNull();
  });
});
