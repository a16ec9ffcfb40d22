import { ValidateBy, ValidateIf } from 'class-validator';
import { isCalendarDate } from '@app/domain';

/** A real calendar date written YYYY-MM-DD (2027-02-30 is refused). */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      defaultMessage: () => 'must be a real date written YYYY-MM-DD',
    },
  });

/**
 * For update inputs: the field may be left out, but an explicit null is checked like any value
 * (and refused by the type rule), because the column cannot be cleared. Use `IsOptional` only
 * where null means "clear it".
 */
export const IfGiven = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
