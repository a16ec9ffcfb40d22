/**
 * Calendar dates travel as 'YYYY-MM-DD' strings (cycles, sprints, plan files): no time zone can
 * shift them. Only real dates pass (2027-02-30 does not).
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Two valid calendar dates compare as strings; true when `end` is not before `start`. */
export function isDateRange(start: string, end: string): boolean {
  return end >= start;
}

/** The day number (days since 1970-01-01) of a valid calendar date. */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** The calendar date of a day number (the inverse of dayNumber). */
export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
