import { keyResultScore, objectiveScore, scoreProblem } from './key-result-score.js';

describe('keyResultScore', () => {
  it('defaults to the progress, a given score wins', () => {
    expect(keyResultScore(0.44)).toBe(0.44);
    expect(keyResultScore(0.44, null)).toBe(0.44);
    expect(keyResultScore(0.44, 0.7)).toBe(0.7);
    expect(keyResultScore(0.44, 0)).toBe(0);
  });
});

describe('scoreProblem', () => {
  it('accepts 0..1 and refuses anything else', () => {
    expect(scoreProblem(0)).toBeNull();
    expect(scoreProblem(1)).toBeNull();
    expect(scoreProblem(0.35)).toBeNull();
    expect(scoreProblem(1.5)).toMatch(/between 0 and 1/);
    expect(scoreProblem(-0.1)).toMatch(/between 0 and 1/);
    expect(scoreProblem(Number.NaN)).toMatch(/between 0 and 1/);
  });
});

describe('objectiveScore', () => {
  it('is the weighted mean of the scored key results', () => {
    expect(
      objectiveScore([
        { score: 1, weight: 3 },
        { score: 0.2, weight: 1 },
      ]),
    ).toBeCloseTo(0.8, 12);
  });

  it('skips key results not scored yet; null when none is', () => {
    expect(
      objectiveScore([
        { score: null, weight: 10 },
        { score: 0.5, weight: 1 },
      ]),
    ).toBe(0.5);
    expect(objectiveScore([{ score: null, weight: 1 }])).toBeNull();
    expect(objectiveScore([])).toBeNull();
  });
});
