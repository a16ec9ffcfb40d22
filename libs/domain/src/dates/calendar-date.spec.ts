import { dateOfDay, dayNumber, isCalendarDate, isDateRange } from './calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2027-01-01', '2027-12-31', '2028-02-29', '2000-02-29'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2027-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2027-04-31',
    '2027-13-01',
    '2027-00-10',
    '2027-1-1',
    '2027-01-01T00:00:00Z',
    ' 2027-01-01',
    '',
    'yesterday',
  ])('refuses %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('isDateRange', () => {
  it('allows a one-day range and refuses an end before the start', () => {
    expect(isDateRange('2027-01-01', '2027-01-01')).toBe(true);
    expect(isDateRange('2027-01-01', '2027-03-31')).toBe(true);
    expect(isDateRange('2027-03-31', '2027-01-01')).toBe(false);
  });
});

describe('dayNumber and dateOfDay', () => {
  it('count calendar days across months, leap days and years', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2028-03-01') - dayNumber('2028-02-28')).toBe(2);
    expect(dayNumber('2028-01-01') - dayNumber('2027-01-01')).toBe(365);
    expect(dateOfDay(dayNumber('2027-06-30'))).toBe('2027-06-30');
    expect(dateOfDay(dayNumber('2027-12-31') + 1)).toBe('2028-01-01');
  });
});
