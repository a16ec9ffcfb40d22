import { initiativeDelivery, NO_DELIVERY } from './initiative-delivery.js';

describe('initiativeDelivery', () => {
  it('is done points over total points, keeping the points', () => {
    expect(initiativeDelivery({ donePoints: 6, inProgressPoints: 3, totalPoints: 12 })).toEqual({
      donePoints: 6,
      inProgressPoints: 3,
      totalPoints: 12,
      delivery: 0.5,
    });
  });

  it('is 1 when everything is done and 0 when nothing is', () => {
    expect(
      initiativeDelivery({ donePoints: 4, inProgressPoints: 0, totalPoints: 4 }).delivery,
    ).toBe(1);
    expect(
      initiativeDelivery({ donePoints: 0, inProgressPoints: 4, totalPoints: 4 }).delivery,
    ).toBe(0);
  });

  it('is null, not 0, when there is nothing to deliver', () => {
    expect(
      initiativeDelivery({ donePoints: 0, inProgressPoints: 0, totalPoints: 0 }).delivery,
    ).toBe(null);
    expect(NO_DELIVERY).toEqual({
      donePoints: 0,
      inProgressPoints: 0,
      totalPoints: 0,
      delivery: null,
    });
  });
});
