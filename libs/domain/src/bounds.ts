/**
 * docs/design.md 4.5, the bounds of every input, in one place: GraphQL validators, plan files, CSV rows,
 * `upsertTickets` and the database's CHECK constraints all use these numbers. With them every sum
 * the engine computes stays finite (10,000 points x millions of tickets is far below 1e308).
 */

/** A closed numeric range; `minExclusive` makes the lower end open (weights are > 0). */
export interface NumberBound {
  min: number;
  max: number;
  minExclusive?: boolean;
}

/** Ticket points, initiative estimates and the organization's unestimated-ticket points. */
export const POINTS: NumberBound = { min: 0, max: 10_000 };
export const ESTIMATE: NumberBound = POINTS;
/** Link weights (and key-result weights, which weigh like a link): > 0 and at most 1,000. */
export const WEIGHT: NumberBound = { min: 0, max: 1_000, minExclusive: true };
/** Key-result and KPI values (start, target, current, check-ins, healthy range). */
export const MEASURE: NumberBound = { min: -1e15, max: 1e15 };
/**
 * Team capacity in points per sprint: not named by docs/design.md 4.5, so ten times the largest single
 * estimate (a department-sized team still fits; see docs/decisions.md).
 */
export const CAPACITY: NumberBound = { min: 0, max: 100_000 };

export const MAX_TITLE = 500;
export const MAX_NOTE = 10_000;
export const MAX_KEY = 64;
/** Items of one list in one request (tickets of upsertTickets, rows of a plan file's list). */
export const MAX_LIST = 10_000;
/** Names (teams, cycles, sprints, people, organizations): shorter than titles. */
export const MAX_NAME = 200;
/** Scenario names (a what-if of a cycle's plan): short labels for side-by-side columns. */
export const MAX_SCENARIO_NAME = 120;
/** Scenarios of one cycle: a handful to compare, not a history. */
export const MAX_SCENARIOS = 20;
/** Tracker-side short texts: ticket labels, issue types, status names (Jira's own limit). */
export const MAX_LABEL = 255;
/** Labels of one ticket, and sprints in one ticket's history. */
export const MAX_LABELS = 100;
export const MAX_SPRINTS = 100;
/** Problems and warnings one answer lists before it sums the rest up in one more entry. */
export const MAX_PROBLEMS = 100;

/** `10,000`, `1,000`, `1e15`: the bound as a person reads it in a message. */
export function formatBound(value: number): string {
  return Math.abs(value) >= 1e12
    ? value.toExponential().replace('e+', 'e')
    : value.toLocaleString('en-US');
}

/** A number as a message shows it: 1e16 rather than 10000000000000000. */
function formatNumber(value: number): string {
  return Number.isFinite(value) && Math.abs(value) >= 1e12
    ? value.toExponential().replace('e+', 'e')
    : String(value);
}

/** Why `value` is outside `bound` (null when it is inside), phrased after the field name. */
export function numberProblem(value: unknown, bound: NumberBound): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'must be a number';
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (bound.minExclusive ? value <= bound.min : value < bound.min) {
    return bound.minExclusive
      ? `must be greater than ${formatBound(bound.min)}`
      : `must not be less than ${formatBound(bound.min)}`;
  }
  if (value > bound.max) return `must be at most ${formatBound(bound.max)}`;
  return null;
}

/** NUL anywhere, or a surrogate that is not half of a pair: UTF-16 that no UTF-8 text can hold. */
const INVALID_TEXT =
  // eslint-disable-next-line no-control-regex -- finding NUL is the point
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored as text (null when it can): PostgreSQL refuses NUL in text, and an
 * unpaired surrogate has no UTF-8 form, so both are refused at the edge with the position.
 */
export function textProblem(value: string): string | null {
  const match = INVALID_TEXT.exec(value);
  if (!match) return null;
  const at = `at character ${match.index + 1}`;
  return match[0] === '\u0000'
    ? `must not contain a NUL character (U+0000) (${at})`
    : `must not contain an unpaired UTF-16 surrogate (U+${match[0].charCodeAt(0).toString(16).toUpperCase()}) (${at})`;
}

/** Text validity and length together: the check every stored string passes. */
export function stringProblem(value: string, maxLength: number): string | null {
  if (value.length > maxLength) return `must be at most ${formatBound(maxLength)} characters`;
  return textProblem(value);
}

/**
 * A value quoted in a message, cut to a readable length: a problem about a 1 MB value must not be
 * 1 MB long itself.
 */
export function quoteValue(value: unknown, max = 60): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > max ? value.slice(0, max) : value);
    return value.length > max
      ? `${quoted.slice(0, -1)}..." (${formatBound(value.length)} characters)`
      : quoted;
  }
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return String(value);
}
