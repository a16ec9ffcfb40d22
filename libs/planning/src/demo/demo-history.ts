import type { Confidence } from '@app/database';
import { keyResultProgress, type Direction, type KeyResultKind } from '@app/domain';

const DAY_MS = 86_400_000;

/** A key result as the history needs it: its measure and the cycle it belongs to. */
export interface MeasuredKeyResult {
  key: string;
  kind: KeyResultKind;
  direction: Direction;
  start: number;
  target: number;
  /** where the history ends: the plan file's value */
  current: number;
  cycleStart: Date;
  cycleEnd: Date;
}

export interface Reading {
  value: number;
  confidence: Confidence;
  note: string;
  at: Date;
}

/**
 * Weekly check-in times ending at `last`, none before `from`, oldest first (at least `last`).
 * Check-ins fall at 10:00 UTC, when a team's weekly meeting would be.
 */
export function weeklyTimes(from: Date, last: Date): Date[] {
  const end = new Date(last);
  end.setUTCHours(10, 0, 0, 0);
  if (end.getTime() > last.getTime()) end.setTime(end.getTime() - DAY_MS);
  const times = [end];
  for (let at = end.getTime() - 7 * DAY_MS; at >= from.getTime(); at -= 7 * DAY_MS)
    times.unshift(new Date(at));
  return times;
}

/**
 * A plausible weekly history from the key result's start to its `current`, which the last
 * check-in holds exactly: steady progress with a little noise (fixed by the key, so every seeding
 * tells the same story), each check-in's confidence from how its progress compares with the share
 * of the cycle gone by, a note where the confidence changes, and `lastNote` on the latest.
 */
export function historyOf(kr: MeasuredKeyResult, times: Date[], lastNote = ''): Reading[] {
  const noise = noiseFor(kr.key);
  const span = kr.cycleEnd.getTime() - kr.cycleStart.getTime();
  let previous: Confidence | null = null;
  return times.map((at, i) => {
    const last = i === times.length - 1;
    const value = last ? kr.current : valueAt(kr, (i + 1) / times.length, noise());
    const elapsed = Math.min(1, Math.max(0, (at.getTime() - kr.cycleStart.getTime()) / span));
    const confidence = confidenceOf(keyResultProgress({ ...kr, current: value }), elapsed);
    const note = last && lastNote ? lastNote : changeNote(previous, confidence, i);
    previous = confidence;
    return { value, confidence, note, at };
  });
}

/** A KPI as its history needs it. */
export interface MeasuredKpi {
  key: string;
  current: number;
  healthyMin: number | null;
  healthyMax: number | null;
}

/**
 * Weekly readings of a KPI ending at its `current`: one outside its healthy range drifted there
 * from just inside it over the weeks (the dashboard's history shows when it left the range);
 * one inside it wobbles around its value.
 */
export function kpiHistoryOf(
  kpi: MeasuredKpi,
  times: Date[],
  lastNote = '',
): Omit<Reading, 'confidence'>[] {
  const noise = noiseFor(kpi.key);
  const from =
    kpi.healthyMax !== null && kpi.current > kpi.healthyMax
      ? kpi.healthyMax * 0.97
      : kpi.healthyMin !== null && kpi.current < kpi.healthyMin
        ? kpi.healthyMin * 1.01
        : kpi.current;
  // a wobble that stays inside the healthy range: at most 1% of the value, and less than the way
  // to the nearer bound (uptime at 99.93 against 99.9 moves by hundredths)
  const room = Math.min(
    ...[kpi.healthyMin, kpi.healthyMax]
      .filter((bound): bound is number => bound !== null && bound !== kpi.current)
      .map((bound) => 0.4 * Math.abs(kpi.current - bound)),
    0.01 * Math.abs(kpi.current),
  );
  return times.map((at, i) => {
    const last = i === times.length - 1;
    const share = (i + 1) / times.length;
    const drift = from + (kpi.current - from) * share;
    const value = last ? kpi.current : Math.round((drift + noise() * room) * 1000) / 1000;
    return { value, note: last ? lastNote : '', at };
  });
}

function valueAt(kr: MeasuredKeyResult, share: number, jitter: number): number {
  if (kr.kind === 'BOOLEAN') return 0; // done only when the last check-in says so
  // a key result kept at its level (start = target) moves only as far as it actually did
  const range = Math.abs(kr.target - kr.start) || Math.abs(kr.current - kr.start);
  const value = kr.start + (kr.current - kr.start) * share + jitter * 0.04 * range;
  const integral = [kr.start, kr.target, kr.current].every(Number.isInteger) && range >= 10;
  return integral ? Math.round(value) : Math.round(value * 100) / 100;
}

/** Progress against the share of the cycle gone by: a little behind is still on track. */
function confidenceOf(progress: number, elapsed: number): Confidence {
  const behind = elapsed - progress;
  if (behind <= 0.2) return 'ON_TRACK';
  return behind <= 0.4 ? 'AT_RISK' : 'OFF_TRACK';
}

function changeNote(previous: Confidence | null, now: Confidence, index: number): string {
  if (index === 0) return 'First check-in of the quarter.';
  if (previous === now || previous === null) return '';
  if (now === 'ON_TRACK') return 'Back on track.';
  return now === 'AT_RISK'
    ? 'Behind where we wanted to be by now.'
    : 'Off track: this needs help or a smaller target.';
}

/** Numbers in -1..1 from the key, always the same for the same key. */
function noiseFor(key: string): () => number {
  let seed = [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 2147483647, 7);
  return () => {
    seed = (seed * 48271) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
}
