import { MAX_LIST, numberProblem, quoteValue, textProblem, type NumberBound } from '../bounds.js';
import { isCalendarDate } from '../dates/calendar-date.js';
import { KEY_PATTERN, KEY_RULE } from '../keys.js';
import type { ProblemList } from '../problem-list.js';

/** A key in the ticket source (PAY-123, PLAT-100), as the API takes it. */
const EXTERNAL_KEY = /^\S{1,64}$/;

/**
 * Reads one mapping of a parsed plan file, recording every problem with its path instead of
 * stopping at the first, so a file with several mistakes gets them all back at once.
 */
export class Fields {
  private readonly obj: Record<string, unknown>;

  constructor(
    value: unknown,
    readonly path: string,
    private readonly problems: ProblemList,
    allowed: readonly string[],
  ) {
    // Only a plain mapping: not a list, a date, or bytes (whose every index would be a "field").
    const proto = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : 0;
    if (proto !== Object.prototype && proto !== null) {
      problems.push({ path, message: 'must be a mapping (key: value pairs)' });
      this.obj = {};
      return;
    }
    this.obj = value as Record<string, unknown>;
    for (const name of Object.keys(this.obj)) {
      if (!allowed.includes(name)) {
        problems.push({
          path: this.at(name),
          message: `unknown field (expected one of: ${allowed.join(', ')})`,
        });
      }
    }
  }

  /** The path of a field; a name from the file is cut to a readable length. */
  at(name: string): string {
    const shown = name.length > 64 ? `${name.slice(0, 64)}...` : name;
    return this.path ? `${this.path}.${shown}` : shown;
  }

  raw(name: string): unknown {
    return this.obj[name];
  }

  has(name: string): boolean {
    return this.obj[name] !== undefined && this.obj[name] !== null;
  }

  private problem(name: string, message: string): void {
    this.problems.push({ path: this.at(name), message });
  }

  str(name: string, options: { required: true; max?: number }): string;
  str(name: string, options: { required?: false; max?: number; fallback: string }): string;
  str(name: string, options: { required?: false; max?: number }): string | null;
  str(
    name: string,
    options: { required?: boolean; max?: number; fallback?: string } = {},
  ): string | null {
    const value = this.obj[name];
    if (value === undefined || value === null) {
      if (options.required) this.problem(name, 'is required');
      return options.fallback ?? (options.required ? '' : null);
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.problem(name, 'must be text');
      return options.fallback ?? '';
    }
    const text = String(value).trim();
    const invalid = textProblem(text);
    if (invalid) this.problem(name, invalid);
    else if (options.required && text === '') this.problem(name, 'must not be empty');
    else if (options.max && text.length > options.max)
      this.problem(name, `must be at most ${options.max.toLocaleString('en-US')} characters`);
    return text;
  }

  /** A key in the ticket source (an initiative's epic key): 1-64 characters without spaces. */
  externalKey(name: string): string | null {
    const text = this.str(name, {});
    if (text !== null && text !== '' && !EXTERNAL_KEY.test(text) && !textProblem(text)) {
      this.problem(name, `${quoteValue(text)} must be 1-64 characters without spaces`);
    }
    return text === '' ? null : text;
  }

  key(name: string, required: true): string;
  key(name: string, required: false): string | null;
  key(name: string, required: boolean): string | null {
    const value = this.obj[name];
    if (value === undefined || value === null) {
      if (required) this.problem(name, 'is required');
      return required ? '' : null;
    }
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : null;
    if (text === null || !KEY_PATTERN.test(text)) {
      this.problem(name, `${quoteValue(value)} is not a valid key: ${KEY_RULE}`);
      return required ? '' : null;
    }
    return text;
  }

  /** A number inside its bound (docs/design.md 4.5); the problem names the bound and the value. */
  num(name: string, options: { required: true; bound: NumberBound }): number;
  num(name: string, options: { fallback: number; bound: NumberBound }): number;
  num(name: string, options: { bound: NumberBound }): number | null;
  num(
    name: string,
    options: { required?: boolean; fallback?: number; bound: NumberBound },
  ): number | null {
    const value = this.obj[name];
    if (value === undefined || value === null) {
      if (options.required) this.problem(name, 'is required');
      return options.fallback ?? (options.required ? 0 : null);
    }
    const problem = numberProblem(value, options.bound);
    if (problem) {
      this.problem(name, `${problem} (got ${quoteValue(value)})`);
      return options.fallback ?? 0;
    }
    return value as number;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: null): T | null;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T | null): T | null {
    const value = this.obj[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || !values.includes(value as T)) {
      this.problem(name, `must be one of ${values.join(', ')} (got ${quoteValue(value)})`);
      return fallback;
    }
    return value as T;
  }

  /** A calendar date written bare (2027-01-04) or quoted ("2027-01-04"); returns YYYY-MM-DD. */
  date(name: string): string {
    const value = this.obj[name];
    if (value === undefined || value === null) {
      this.problem(name, 'is required');
      return '';
    }
    if (value instanceof Date && !Number.isNaN(value.getTime()))
      return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    this.problem(name, `must be a date YYYY-MM-DD (got ${quoteValue(value)})`);
    return '';
  }

  list(name: string): unknown[] {
    const value = this.obj[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(name, 'must be a list');
      return [];
    }
    if (value.length > MAX_LIST) {
      this.problem(
        name,
        `must hold at most ${MAX_LIST.toLocaleString('en-US')} entries (got ${value.length.toLocaleString('en-US')}): split the plan`,
      );
      return [];
    }
    return value;
  }
}
