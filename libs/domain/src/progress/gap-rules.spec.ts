import { checkInOverdue, isDrifting, isStale } from './gap-rules.js';

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

describe('checkInOverdue', () => {
  const now = new Date('2027-02-15T12:00:00Z');
  const cycleStart = new Date('2027-01-01T00:00:00Z');

  it('counts from the last check-in: due a cadence later, overdue only after that', () => {
    expect(checkInOverdue(new Date('2027-02-10T12:00:00Z'), cycleStart, now, 7)).toBeNull();
    // exactly a week: due now, not yet overdue
    expect(checkInOverdue(new Date('2027-02-08T12:00:00Z'), cycleStart, now, 7)).toBeNull();
    expect(checkInOverdue(new Date('2027-02-05T12:00:00Z'), cycleStart, now, 7)).toEqual({
      dueAt: new Date('2027-02-12T12:00:00Z'),
      daysOverdue: 3,
    });
  });

  it('counts from the start (the cycle, or the KPI) when there is no check-in yet', () => {
    expect(checkInOverdue(null, cycleStart, now, 7)).toEqual({
      dueAt: new Date('2027-01-08T00:00:00Z'),
      daysOverdue: 38.5,
    });
    expect(checkInOverdue(null, new Date('2027-02-14T00:00:00Z'), now, 7)).toBeNull();
  });

  it('follows the cadence', () => {
    const last = new Date('2027-02-05T12:00:00Z');
    expect(checkInOverdue(last, cycleStart, now, 14)).toBeNull();
    expect(checkInOverdue(last, cycleStart, now, 1)!.daysOverdue).toBe(9);
  });
});
