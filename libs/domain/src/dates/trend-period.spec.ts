import { trendPeriod, trendWindowOf } from './trend-period.js';

describe('trend periods', () => {
  const anchor = '2027-03-14';

  it('anchor the windows on the newest end date and count back by the cadence', () => {
    // 14 days: window 0 is Mar 1 - Mar 14, window 1 Feb 15 - Feb 28, window 2 Feb 1 - Feb 14.
    expect(trendPeriod(anchor, 0, 14)).toEqual({ start: '2027-03-01', end: '2027-03-14' });
    expect(trendPeriod(anchor, 1, 14)).toEqual({ start: '2027-02-15', end: '2027-02-28' });
    expect(trendPeriod(anchor, 2, 14)).toEqual({ start: '2027-02-01', end: '2027-02-14' });
  });

  it('put an end date in the window whose dates hold it, both ends included', () => {
    expect(trendWindowOf(anchor, '2027-03-14', 14)).toBe(0);
    expect(trendWindowOf(anchor, '2027-03-01', 14)).toBe(0);
    expect(trendWindowOf(anchor, '2027-02-28', 14)).toBe(1);
    expect(trendWindowOf(anchor, '2027-02-15', 14)).toBe(1);
    expect(trendWindowOf(anchor, '2027-02-14', 14)).toBe(2);
    // a one-day cadence: every end date its own window
    expect(trendWindowOf(anchor, '2027-03-13', 1)).toBe(1);
    expect(trendPeriod(anchor, 1, 1)).toEqual({ start: '2027-03-13', end: '2027-03-13' });
  });
});
