import type { SourceKind } from '@app/database';
import { TrackerHttpError } from './tracker-http.js';
import { PermanentEventError } from './tracker.js';

/**
 * The event worker's timing (docs/design.md 4.4: retries start within 1 s and back off to at most
 * 30 s; docs/decisions.md "A tracker that is down holds events"). One object, so a test may
 * shorten a bound in process; the code paths stay the production ones.
 */
export const EVENT_RETRY = {
  /** failed attempts (the event's own failures) before it becomes a dead letter */
  maxAttempts: 8,
  /** the longest wait between two tries of an event */
  maxDelayMs: 30_000,
  /**
   * How long an event whose tracker is unreachable (timeouts, 5xx, 429, an open circuit) or
   * refuses the source's credentials is kept trying, counted from its arrival, before it becomes
   * a dead letter saying so. Such failures are not the event's: they use none of its attempts.
   */
  holdMs: 24 * 3_600_000,
  /** the wait between tries of events held for refused credentials (updating them wakes them) */
  heldDelayMs: 10 * 60_000,
  /** fetch trackers: reads of one batch running at once */
  fetchConcurrency: 4,
  /**
   * fetch trackers: the reads of one batch stop after this long (pg-boss expires an event job
   * after 120 s); events not read by then are tried again at once, without counting an attempt
   */
  batchDeadlineMs: 60_000,
  /** how long reading one event's records may take */
  fetchTimeoutMs: 45_000,
};

/** Attempts before an event becomes a dead letter (about 62 s of retries in all). */
export const MAX_ATTEMPTS = EVENT_RETRY.maxAttempts;

/** The wait before attempt n+1: 0.5 s, doubling, at most 30 s (docs/design.md 4.4). */
export const retryDelayMs = (attempts: number) =>
  Math.min(EVENT_RETRY.maxDelayMs, 500 * 2 ** (attempts - 1));

/** The wait before the next try of an event whose tracker is down: 1 s, growing, at most 30 s. */
export const unreachableDelayMs = (heldForMs: number) =>
  Math.min(EVENT_RETRY.maxDelayMs, Math.max(1_000, Math.round(heldForMs / 2)));

const NAMES: Record<SourceKind, string> = {
  JIRA_CLOUD: 'Jira',
  LINEAR: 'Linear',
  GITHUB: 'GitHub',
  ASANA: 'Asana',
  TRELLO: 'Trello',
};

/** A tracker's name as people know it. */
export const trackerName = (kind: SourceKind) => NAMES[kind] ?? kind;

/** The start of the last error of an event held for refused credentials (source problems read it). */
export const CREDENTIALS_REFUSED = 'credentials refused by';

/**
 * Why an event's try failed, which decides what happens next:
 * - `permanent`: it can never apply: a dead letter at once;
 * - `unreachable`: the tracker is down or limits us: tried again soon, no attempt used;
 * - `refused`: the tracker refuses the source's credentials (401/403): held, no attempt used;
 * - `failed`: anything else (a bug, the database): an attempt used, backoff.
 */
export type FailureKind = 'permanent' | 'unreachable' | 'refused' | 'failed';

export function failureKind(error: unknown): FailureKind {
  if (error instanceof PermanentEventError) return 'permanent';
  if (error instanceof TrackerHttpError) {
    if (error.unreachable) return 'unreachable';
    if (error.status === 401 || error.status === 403) return 'refused';
    return 'failed';
  }
  // a read's own timeout (AbortSignal.timeout): the tracker is too slow to answer
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'unreachable';
  return 'failed';
}
