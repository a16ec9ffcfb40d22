import { isCalendarDate } from '../dates/calendar-date.js';
import { KEY_PATTERN, KEY_RULE } from '../keys.js';
import type { Problem } from './plan.types.js';

/**
 * Reads one mapping of a parsed plan file, recording every problem with its path instead of
 * stopping at the first, so a file with several mistakes gets them all back at once.
 */
export class Fields {
  private readonly obj: Record<string, unknown>;

  constructor(
    value: unknown,
    readonly path: string,
    private readonly problems: Problem[],
    allowed: readonly string[],
  ) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
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

  at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
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
    if (options.required && text === '') this.problem(name, 'must not be empty');
    if (options.max && text.length > options.max)
      this.problem(name, `must be at most ${options.max} characters`);
    return text;
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
      this.problem(name, `${JSON.stringify(value)} is not a valid key: ${KEY_RULE}`);
      return required ? '' : null;
    }
    return text;
  }

  num(
    name: string,
    options: { required: true; min?: number; max?: number; positive?: boolean },
  ): number;
  num(
    name: string,
    options: { fallback: number; min?: number; max?: number; positive?: boolean },
  ): number;
  num(name: string, options: { min?: number; max?: number; positive?: boolean }): number | null;
  num(
    name: string,
    options: {
      required?: boolean;
      fallback?: number;
      min?: number;
      max?: number;
      positive?: boolean;
    },
  ): number | null {
    const value = this.obj[name];
    if (value === undefined || value === null) {
      if (options.required) this.problem(name, 'is required');
      return options.fallback ?? (options.required ? 0 : null);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(name, `must be a number (got ${JSON.stringify(value)})`);
      return options.fallback ?? 0;
    }
    if (options.positive && value <= 0) this.problem(name, `must be greater than 0 (got ${value})`);
    if (options.min !== undefined && value < options.min)
      this.problem(name, `must be at least ${options.min} (got ${value})`);
    if (options.max !== undefined && value > options.max)
      this.problem(name, `must be at most ${options.max} (got ${value})`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: null): T | null;
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T | null): T | null {
    const value = this.obj[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || !values.includes(value as T)) {
      this.problem(name, `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})`);
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
    this.problem(name, `must be a date YYYY-MM-DD (got ${JSON.stringify(value)})`);
    return '';
  }

  list(name: string): unknown[] {
    const value = this.obj[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(name, 'must be a list');
      return [];
    }
    return value;
  }
}
