import { isDrifting, isStale } from './gap-rules.js';

describe('isDrifting', () => {
  it('drifts at or beyond the threshold, either way', () => {
    expect(isDrifting(0.1, 0.1)).toBe(true);
    expect(isDrifting(-0.25, 0.1)).toBe(true);
    expect(isDrifting(0.05, 0.1)).toBe(false);
    expect(isDrifting(-0.05, 0.1)).toBe(false);
  });

  it('counts a gap of exactly the threshold despite binary fractions', () => {
    expect(0.3 - 0.2).toBeLessThan(0.1);
    expect(isDrifting(0.3 - 0.2, 0.1)).toBe(true);
  });

  it('a goal without a target does not drift', () => {
    expect(isDrifting(null, 0.1)).toBe(false);
  });
});

describe('isStale', () => {
  const now = new Date('2027-02-01T12:00:00Z');
  it('is stale after the threshold, fresh within it', () => {
    expect(isStale(new Date('2027-02-01T00:00:00Z'), now, 24)).toBe(false);
    expect(isStale(new Date('2027-01-31T12:00:00Z'), now, 24)).toBe(false);
    expect(isStale(new Date('2027-01-31T11:59:59Z'), now, 24)).toBe(true);
    expect(isStale(new Date('2027-02-01T10:00:00Z'), now, 1)).toBe(true);
  });

  it('a source that never synced is stale', () => {
    expect(isStale(null, now, 24)).toBe(true);
  });
});
