import { PermanentEventError } from '../../sources/tracker.js';

/** A JSON object, or null: Jira payloads are read field by field, never trusted as a type. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const objectAt = (value: unknown, key: string): Json | null => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : null;
};

/** A string field, or null when absent; anything else is refused naming the field. */
export function stringAt(value: Json | null, key: string, path: string): string | null {
  const v = value?.[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new PermanentEventError(`${path} must be a string`);
  return v;
}

export function requiredString(value: Json | null, key: string, path: string): string {
  const v = stringAt(value, key, path);
  if (v === null || v === '') throw new PermanentEventError(`${path} is missing`);
  return v;
}

/**
 * Jira writes times as `2026-12-05T10:00:00.000+0000` (an offset without a colon), which not every
 * parser takes: normalized before parsing. Returns null when absent.
 */
export function jiraTime(value: string | null, path: string): Date | null {
  if (value === null) return null;
  const iso = value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    throw new PermanentEventError(`${path} is not a time (got "${value.slice(0, 40)}")`);
  }
  return time;
}

/** The date part (YYYY-MM-DD, in UTC) of a Jira time, or null. */
export function jiraDate(value: string | null, path: string): string | null {
  return jiraTime(value, path)?.toISOString().slice(0, 10) ?? null;
}
