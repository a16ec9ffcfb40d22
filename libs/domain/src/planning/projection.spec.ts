import { countedInitiatives, plannedEffort } from './projection.js';

describe('plannedEffort', () => {
  it('sums the estimates of the planned initiatives, WONT left out, unestimated ones 0', () => {
    expect(
      plannedEffort([
        { priority: 'MUST', estimate: 8 },
        { priority: 'SHOULD', estimate: null },
        { priority: 'COULD', estimate: 2.5 },
        { priority: 'WONT', estimate: 100 },
      ]),
    ).toBe(10.5);
    expect(plannedEffort([])).toBe(0);
    expect(plannedEffort([{ priority: 'WONT', estimate: 3 }])).toBe(0);
  });

  it('counts every priority but WONT, in their order', () => {
    const list = [
      { id: 'a', priority: 'WONT' as const },
      { id: 'b', priority: 'COULD' as const },
      { id: 'c', priority: 'MUST' as const },
    ];
    expect(countedInitiatives(list).map((i) => i.id)).toEqual(['b', 'c']);
  });
});
