import { inferDirection, type Direction, type KeyResultKind } from './key-result-progress.js';

/** What a caller gives for a key result's measure (on create, or merged with the stored one). */
export interface MeasureDraft {
  kind: KeyResultKind;
  start: number;
  target: number;
  current: number;
  /** the direction the caller named, if any */
  direction?: Direction | null;
}

export type MeasureField = 'start' | 'target' | 'current' | 'direction';

export type MeasureCheck =
  { ok: true; direction: Direction } | { ok: false; field: MeasureField; message: string };

/**
 * docs/design.md section 1: the direction is inferred from start and target, required when they are
 * equal, and refused when it contradicts them; a BOOLEAN key result goes from 0 (not done) to 1
 * (done). `keep` is the stored direction, kept on update when start = target and none is named.
 */
export function checkKeyResultMeasure(draft: MeasureDraft, keep?: Direction): MeasureCheck {
  const { kind, start, target, current } = draft;
  const given = draft.direction ?? null;
  if (kind === 'BOOLEAN') {
    if (start !== 0) return problem('start', 'a BOOLEAN key result starts at 0 (not done)');
    if (target !== 1) return problem('target', 'a BOOLEAN key result targets 1 (done)');
    if (current !== 0 && current !== 1) {
      return problem('current', 'a BOOLEAN key result is 0 (not done) or 1 (done)');
    }
    if (given === 'DECREASE') return problem('direction', 'a BOOLEAN key result is INCREASE');
    return { ok: true, direction: 'INCREASE' };
  }
  const inferred = inferDirection(start, target);
  if (given !== null) {
    if (inferred !== null && given !== inferred) {
      return problem(
        'direction',
        `${given} contradicts start and target: going from ${start} to ${target} is ${inferred}`,
      );
    }
    return { ok: true, direction: given };
  }
  if (inferred !== null) return { ok: true, direction: inferred };
  if (keep) return { ok: true, direction: keep };
  return problem(
    'direction',
    `is required when start equals target (${start}): INCREASE when at or above the target is done, DECREASE when at or below it is`,
  );
}

/** A check-in value that the key result's kind cannot hold; null when it is fine. */
export function checkInValueProblem(kind: KeyResultKind, value: number): string | null {
  if (kind === 'BOOLEAN' && value !== 0 && value !== 1) {
    return 'a BOOLEAN key result is checked in as 0 (not done) or 1 (done)';
  }
  return null;
}

function problem(field: MeasureField, message: string): MeasureCheck {
  return { ok: false, field, message };
}
