import { capacityPlan } from './capacity.js';
import { sprintsInCycle } from './sprints-in-cycle.js';

/** docs/design.md 3, capacity: one scenario per case, dates inclusive, hand-computed. */
describe('sprintsInCycle', () => {
  // Q2 2027: April 30 + May 31 + June 30 = 91 days.
  const q2 = { start: '2027-04-01', end: '2027-06-30' };

  it('gives a quarter without sprints its cadence: 91 days / 14 = 6.5 sprints', () => {
    expect(sprintsInCycle(q2, [], 14)).toEqual({
      overlapping: 0,
      expectedSprints: 6.5,
      sprintEquivalents: 6.5,
    });
    // A 7-day cadence doubles it; capacity 10 per sprint x 13 = 130.
    const { sprintEquivalents } = sprintsInCycle(q2, [], 7);
    expect(sprintEquivalents).toBe(13);
    const [team] = capacityPlan([{ teamId: 't', capacityPerSprint: 10, sprintEquivalents }], []);
    expect(team.capacity).toBe(130);
  });

  it('counts dated sprints whole when inside, then the rest of the cycle by cadence', () => {
    // Apr 5-18 and Apr 19-May 2 are inside: 2. Uncovered: May 3-31 (29) + June (30) = 59 days.
    const r = sprintsInCycle(
      q2,
      [
        { start: '2027-04-05', end: '2027-04-18' },
        { start: '2027-04-19', end: '2027-05-02' },
      ],
      14,
    );
    expect(r.overlapping).toBe(2);
    expect(r.expectedSprints).toBeCloseTo(59 / 14, 12);
    expect(r.sprintEquivalents).toBeCloseTo(2 + 59 / 14, 12);
  });

  it('counts a sprint straddling the start by the share of its days inside', () => {
    // Mar 29-Apr 11: 14 days, 11 of them (Apr 1-11) inside = 11/14; then Apr 12-Jun 30 = 80 days.
    const r = sprintsInCycle(q2, [{ start: '2027-03-29', end: '2027-04-11' }], 14);
    expect(r.overlapping).toBe(1);
    expect(r.expectedSprints).toBeCloseTo(80 / 14, 12);
    expect(r.sprintEquivalents).toBeCloseTo(91 / 14, 12);
  });

  it('counts a sprint straddling the end by its share and leaves nothing to the cadence', () => {
    // Jun 21-Jul 4: 14 days, 10 inside (Jun 21-30) = 10/14; it covers past the end: 0 expected.
    // Nothing dated before Jun 21: those days are a gap, not capacity.
    const r = sprintsInCycle(q2, [{ start: '2027-06-21', end: '2027-07-04' }], 14);
    expect(r).toEqual({ overlapping: 1, expectedSprints: 0, sprintEquivalents: 10 / 14 });
  });

  it('counts a sprint longer than the cycle by the share of the cycle it spans', () => {
    // Mar 1-Jul 31: 153 days, 91 inside.
    const r = sprintsInCycle(q2, [{ start: '2027-03-01', end: '2027-07-31' }], 14);
    expect(r.sprintEquivalents).toBeCloseTo(91 / 153, 12);
    expect(r.expectedSprints).toBe(0);
  });

  it('does not count gaps between sprints as capacity', () => {
    // Apr 1-14 and Jun 17-30 (both inside): the 63 days between are a gap; nothing is uncovered
    // after Jun 30. 2 sprints, not 2 + 63/14.
    const r = sprintsInCycle(
      q2,
      [
        { start: '2027-06-17', end: '2027-06-30' },
        { start: '2027-04-01', end: '2027-04-14' },
      ],
      14,
    );
    expect(r).toEqual({ overlapping: 2, expectedSprints: 0, sprintEquivalents: 2 });
  });

  it('ignores sprints outside the cycle, even one after it', () => {
    // Only the July sprint is dated, after the cycle: the whole cycle is uncovered, 91 / 14.
    const r = sprintsInCycle(
      q2,
      [
        { start: '2027-07-05', end: '2027-07-18' },
        { start: '2027-03-01', end: '2027-03-14' },
      ],
      14,
    );
    expect(r).toEqual({ overlapping: 0, expectedSprints: 6.5, sprintEquivalents: 6.5 });
  });

  it('counts a one-day sprint as one whole sprint', () => {
    const r = sprintsInCycle(q2, [{ start: '2027-06-30', end: '2027-06-30' }], 14);
    expect(r).toEqual({ overlapping: 1, expectedSprints: 0, sprintEquivalents: 1 });
  });
});
