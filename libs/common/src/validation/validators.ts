import {
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import {
  CAPACITY,
  ESTIMATE,
  isCalendarDate,
  KEY_PATTERN,
  KEY_RULE,
  MAX_LABEL,
  MAX_NAME,
  MAX_NOTE,
  MAX_TITLE,
  MEASURE,
  numberProblem,
  POINTS,
  WEIGHT,
  type NumberBound,
} from '@app/domain';

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

/**
 * A number inside one of the bounds of docs/design.md 4.5 (libs/domain bounds.ts), with one message
 * that says which end was crossed ("must be at most 10,000").
 */
const InBound = (name: string, bound: NumberBound) => () =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => numberProblem(value, bound) === null,
      defaultMessage: (args) => numberProblem(args?.value, bound) ?? '',
    },
  });

/** Ticket points, 0..10,000. */
export const IsPoints = InBound('isPoints', POINTS);
/** Initiative estimates (story points), 0..10,000. */
export const IsEstimate = InBound('isEstimate', ESTIMATE);
/** Link and key-result weights, > 0 and at most 1,000. */
export const IsLinkWeight = InBound('isLinkWeight', WEIGHT);
/** Key-result and KPI values: finite, |value| <= 1e15. */
export const IsMeasureValue = InBound('isMeasureValue', MEASURE);
/** Team capacity, points per sprint, 0..100,000. */
export const IsCapacity = InBound('isCapacity', CAPACITY);

/** Several property decorators as one. */
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((d) => d(target, property));
}

const maxLength = (max: number) =>
  MaxLength(max, { message: `must be at most ${max.toLocaleString('en-US')} characters` });

/** A title (goals, objectives, key results, KPIs, initiatives, tickets): 1..500 characters. */
export const IsTitle = () =>
  all(IsString(), MinLength(1, { message: 'must not be empty' }), maxLength(MAX_TITLE));

/** A name (teams, cycles, sprints, people, organizations): 1..200 characters. */
export const IsName = () =>
  all(IsString(), MinLength(1, { message: 'must not be empty' }), maxLength(MAX_NAME));

/** Free text (descriptions, check-in and score notes): at most 10,000 characters, may be empty. */
export const IsNote = () => all(IsString(), maxLength(MAX_NOTE));

/** A tracker-side short text (ticket label, issue type, status name): at most 255 characters. */
export const IsLabel = (options?: Pick<ValidationOptions, 'each'>) =>
  all(
    IsString(options),
    MaxLength(MAX_LABEL, {
      ...options,
      message: `must be at most ${MAX_LABEL} characters`,
    }),
  );
