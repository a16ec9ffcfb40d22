// Display only: every number shown comes from the API; these functions format, never compute.
import type { Measure } from './gql/graphql';

const share = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
const signedShare = new Intl.NumberFormat('en', {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const oneDecimal = new Intl.NumberFormat('en', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** A fraction (0.25) as "25%". */
export const formatShare = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : share.format(value);

/** A difference of fractions (share - target) as "+3.2%" / "-18.2%". */
export const formatGap = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : signedShare.format(value);

/** The API's display percent (already 25.0, one decimal) as "25.0%". */
export const formatPercent = (value: number) => `${oneDecimal.format(value)}%`;

export const formatNumber = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : number.format(value);

export const effortUnit = (measure: Measure) => (measure === 'COUNT' ? 'tickets' : 'points');

export const formatEffort = (value: number, measure: Measure) =>
  `${number.format(value)} ${effortUnit(measure)}`;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

const REASONS: Record<string, string> = {
  NO_INITIATIVE: 'No initiative',
  NO_KEY_RESULT: 'Initiative without key result',
  NO_GOAL: 'Objective without goal',
  INACTIVE_TARGET: 'Inactive target',
};
export const reasonLabel = (reason: string) => REASONS[reason] ?? reason;

const REASON_HELP: Record<string, string> = {
  NO_INITIATIVE: 'tickets linked to no initiative',
  NO_KEY_RESULT: 'initiatives that support no key result or objective',
  NO_GOAL: 'objectives that align to no goal',
  INACTIVE_TARGET: 'links ending at an archived or cancelled node',
};
export const reasonHelp = (reason: string) => REASON_HELP[reason] ?? '';

export const titleCase = (value: string) =>
  value
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** An API time relative to `now` ("3 minutes ago"), in the largest whole unit; "never" for null. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const ms = new Date(iso).getTime() - now;
  // under ten seconds either way reads as "now": clocks of browser and server differ a little
  if (Math.abs(ms) < 10_000) return 'just now';
  const [unit, size] = UNITS.find(([, size]) => Math.abs(ms) >= size) ?? UNITS[UNITS.length - 1];
  return relative.format(Math.trunc(ms / size), unit);
}
