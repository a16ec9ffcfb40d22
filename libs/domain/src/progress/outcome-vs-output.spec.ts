import { outcomeVsOutput } from './outcome-vs-output.js';

const DEFAULTS = { outputHigh: 0.7, outcomeLow: 0.3 };

describe('outcomeVsOutput', () => {
  it('delivery is the link-weighted mean of the supporting initiatives', () => {
    const r = outcomeVsOutput(
      0.5,
      [
        { delivery: 1, weight: 3 },
        { delivery: 0.2, weight: 1 },
      ],
      DEFAULTS,
    );
    expect(r.progress).toBe(0.5);
    expect(r.delivery).toBeCloseTo(0.8, 12);
    expect(r.flagged).toBe(false);
  });

  it('skips initiatives with nothing to deliver; null when no initiative has any', () => {
    expect(
      outcomeVsOutput(
        0,
        [
          { delivery: null, weight: 5 },
          { delivery: 0.9, weight: 1 },
        ],
        DEFAULTS,
      ).delivery,
    ).toBeCloseTo(0.9, 12);
    expect(outcomeVsOutput(0, [{ delivery: null, weight: 1 }], DEFAULTS)).toEqual({
      progress: 0,
      delivery: null,
      flagged: false,
    });
    expect(outcomeVsOutput(0, [], DEFAULTS)).toEqual({
      progress: 0,
      delivery: null,
      flagged: false,
    });
  });

  it('flags high output with a flat outcome: busy, not moving the needle', () => {
    expect(outcomeVsOutput(0.1, [{ delivery: 0.9, weight: 1 }], DEFAULTS).flagged).toBe(true);
    expect(outcomeVsOutput(0.4, [{ delivery: 0.9, weight: 1 }], DEFAULTS).flagged).toBe(false);
    expect(outcomeVsOutput(0.1, [{ delivery: 0.5, weight: 1 }], DEFAULTS).flagged).toBe(false);
  });

  it('the thresholds count "at or beyond", also for fractions not exact in binary', () => {
    expect(outcomeVsOutput(0.3, [{ delivery: 7 / 10, weight: 1 }], DEFAULTS).flagged).toBe(true);
    expect(outcomeVsOutput(3 / 10, [{ delivery: 0.7, weight: 1 }], DEFAULTS).flagged).toBe(true);
    expect(
      outcomeVsOutput(
        0.1 + 0.2,
        [
          { delivery: 0.5, weight: 1 },
          { delivery: 0.9, weight: 1 },
        ],
        DEFAULTS,
      ).flagged,
    ).toBe(true);
  });

  it('follows the organization’s thresholds', () => {
    const strict = { outputHigh: 0.95, outcomeLow: 0.05 };
    expect(outcomeVsOutput(0.1, [{ delivery: 0.9, weight: 1 }], strict).flagged).toBe(false);
    expect(outcomeVsOutput(0, [{ delivery: 1, weight: 1 }], strict).flagged).toBe(true);
  });
});
