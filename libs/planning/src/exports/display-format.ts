// The dashboard's display formats (apps/dashboard/src/format.ts), repeated here because the
// dashboard and the libs share no code: an export shows each figure exactly as the screen does.
// test/integration/export-formats.spec.ts checks that both give the same text.
import type { Measure } from '@app/domain';

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

const REASONS: Record<string, string> = {
  NO_INITIATIVE: 'No initiative',
  NO_KEY_RESULT: 'Initiative without key result',
  NO_GOAL: 'Objective without goal',
  INACTIVE_TARGET: 'Inactive target',
};
export const reasonLabel = (reason: string) => REASONS[reason] ?? reason;

export const titleCase = (value: string) =>
  value
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
