import { Matches, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { isCalendarDate, KEY_PATTERN, KEY_RULE } from '@app/domain';

/**
 * For update inputs: the field may be left out, but an explicit null is checked like any value
 * (and refused by the type rule), because the column cannot be cleared. Use `IsOptional` only
 * where null means "clear it".
 */
export const IfGiven = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A real calendar date written YYYY-MM-DD (2027-02-30 is refused). */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => 'must be a real date written YYYY-MM-DD',
    },
  });

/** Entity keys (G1, Q1-27, O1-KR2, ...); `{ each: true }` for a list of keys. */
export const IsKey = (options?: Pick<ValidationOptions, 'each'>) =>
  Matches(KEY_PATTERN, { ...options, message: KEY_RULE });

/** A key in the ticket source (PAY-123, PLAT-100): 1-64 characters without spaces. */
export const IsExternalKey = () =>
  Matches(/^\S{1,64}$/, { message: 'must be 1-64 characters without spaces' });
