import { describe, expect, it } from 'vitest';
import { filterQuery, filtersFrom, scopeOf, withFilters } from './scope';

describe('filters in the URL', () => {
  it('reads teams, sprints, cycle and measure into the API scope', () => {
    const filters = filtersFrom(
      new URLSearchParams('team=PLAT&team=PAY&sprint=PLAT-S1&measure=COUNT'),
    );
    expect(filters).toEqual({
      teamKeys: ['PLAT', 'PAY'],
      sprintKeys: ['PLAT-S1'],
      cycleKey: null,
      measure: 'COUNT',
    });
    expect(scopeOf(filters)).toEqual({
      measure: 'COUNT',
      teamKeys: ['PLAT', 'PAY'],
      sprintKeys: ['PLAT-S1'],
    });
  });

  it('lets a cycle win over sprints, as the API takes only one of them', () => {
    const filters = filtersFrom(new URLSearchParams('sprint=PLAT-S1&cycle=Q4-26'));
    expect(scopeOf(filters)).toEqual({ measure: 'POINTS', cycleKey: 'Q4-26' });
  });

  it('writes filters back, keeping other parameters, and leaves defaults out', () => {
    const next = withFilters(new URLSearchParams('last=8&team=OLD'), {
      teamKeys: ['GROW'],
      sprintKeys: [],
      cycleKey: 'Q1-27',
      measure: 'POINTS',
    });
    expect(next.toString()).toBe('last=8&team=GROW&cycle=Q1-27');
    expect(filterQuery(next)).toBe('?team=GROW&cycle=Q1-27');
    expect(filterQuery(new URLSearchParams('last=8'))).toBe('');
  });
});
