import { Matches, ValidateBy, ValidateIf } from 'class-validator';

/**
 * Like @IsOptional, but only for an absent field: an explicit null is still validated (and so
 * refused) — for update fields that may be left out but never cleared.
 */
export const Optional = () => ValidateIf((_object, value) => value !== undefined);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsDateOnly = () =>
  ValidateBy({
    name: 'isDateOnly',
    validator: {
      validate: (value) => isDateOnly(value),
      defaultMessage: () => 'must be a real date written YYYY-MM-DD',
    },
  });

/** A key in the ticket source (PAY-123, PLAT-100): 1-64 characters without spaces. */
export const IsExternalKey = () =>
  Matches(/^\S{1,64}$/, { message: 'must be 1-64 characters without spaces' });
