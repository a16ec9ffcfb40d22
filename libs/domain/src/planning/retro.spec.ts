import { goalScores } from './retro.js';

describe('goalScores', () => {
  const kr = (objectiveId: string, score: number | null, weight = 1, archived = false) => ({
    objectiveId,
    score,
    weight,
    archived,
  });

  it('scores objectives by their key results, then goals by their linked objectives', () => {
    const scores = goalScores(
      [
        { goalId: 'g1', objectiveId: 'o1', weight: 1 },
        { goalId: 'g1', objectiveId: 'o2', weight: 2 },
        { goalId: 'g2', objectiveId: 'o2', weight: 1 },
      ],
      // o1: (1*1 + 0.5*3) / 4 = 0.625; o2: 0.4
      [kr('o1', 1), kr('o1', 0.5, 3), kr('o2', 0.4)],
    );
    expect(scores.get('g1')).toBeCloseTo((0.625 * 1 + 0.4 * 2) / 3);
    expect(scores.get('g2')).toBeCloseTo(0.4);
  });

  it('leaves archived key results and unscored objectives out', () => {
    const scores = goalScores(
      [
        { goalId: 'g', objectiveId: 'o1', weight: 1 },
        { goalId: 'g', objectiveId: 'o2', weight: 5 },
      ],
      [kr('o1', 0.8), kr('o1', 0, 10, true), kr('o2', null)],
    );
    expect(scores.get('g')).toBeCloseTo(0.8);
  });

  it('is null for a goal whose objectives have no scored key result, absent for unlinked goals', () => {
    const scores = goalScores(
      [{ goalId: 'g', objectiveId: 'o', weight: 1 }],
      [kr('o', 1, 1, true)],
    );
    expect(scores.get('g')).toBeNull();
    expect(scores.has('other')).toBe(false);
    expect(goalScores([], [])).toEqual(new Map());
  });
});
