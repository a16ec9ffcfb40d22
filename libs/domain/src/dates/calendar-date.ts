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
