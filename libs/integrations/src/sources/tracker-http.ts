import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A tracker call that failed for good (after the retries allowed): its message is for people.
 * `unreachable`: the tracker is down, slow or limiting us (no answer, a timeout, 5xx, 429, an
 * exhausted rate limit, an open circuit), not refusing this request: the event worker holds the
 * event rather than spending its attempts. By default a 5xx or 429 status.
 */
export class TrackerHttpError extends Error {
  readonly unreachable: boolean;
  constructor(
    message: string,
    readonly status: number | null,
    unreachable?: boolean,
  ) {
    super(message);
    this.unreachable = unreachable ?? (status !== null && (status >= 500 || status === 429));
  }
}

export interface TrackerRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Limits of one call; the defaults suit a reconciliation in the background. */
export const TRACKER_HTTP = {
  /** one attempt may take this long (connect, headers and body) */
  timeoutMs: 15_000,
  /** attempts per call: 429 and 5xx and network failures are retried */
  attempts: 5,
  /**
   * a 429's Retry-After (or a rate limit's reset: GitHub's 403/429 with x-ratelimit-remaining 0)
   * is honoured up to this long; a longer one fails the call
   */
  maxRetryAfterMs: 60_000,
  /** consecutive failed calls to one tracker that open its circuit, and for how long */
  circuitFailures: 5,
  circuitOpenMs: 60_000,
  /** a response body larger than this is refused (a page of 100 issues is far smaller) */
  maxBodyBytes: 20 * 1024 * 1024,
};

interface Circuit {
  failures: number;
  openUntil: number;
}

/** One circuit per tracker host, per process: a tracker that is down is left alone a while. */
const circuits = new Map<string, Circuit>();

/**
 * Calls a tracker's API and returns its JSON: honours `429 Retry-After`, retries 5xx and network
 * failures with backoff, times every attempt out, and keeps a circuit per host so a tracker that
 * is down is not hammered (calls fail at once while it is open). Plain fetch (undici, in Node):
 * no tracker SDK, since each tracker needs two or three read calls.
 */
export async function trackerJson<T>(request: TrackerRequest): Promise<T> {
  return (await trackerResponse<T>(request)).body;
}

/** trackerJson with the answer's headers (a tracker that pages with `Link`, such as GitHub). */
export async function trackerResponse<T>(
  request: TrackerRequest,
): Promise<{ body: T; headers: Headers }> {
  const host = new URL(request.url).host;
  const circuit = circuits.get(host) ?? { failures: 0, openUntil: 0 };
  circuits.set(host, circuit);
  if (circuit.openUntil > Date.now()) {
    throw new TrackerHttpError(
      `${host} failed ${TRACKER_HTTP.circuitFailures} calls in a row: not called again before ${new Date(circuit.openUntil).toISOString()}`,
      null,
      true,
    );
  }
  let lastError: TrackerHttpError | null = null;
  for (let attempt = 1; attempt <= TRACKER_HTTP.attempts; attempt++) {
    request.signal?.throwIfAborted();
    const outcome = await attemptOnce(request);
    if (outcome.ok) {
      circuit.failures = 0;
      return { body: outcome.value as T, headers: outcome.headers };
    }
    lastError = outcome.error;
    if (!outcome.retry) break;
    const wait = outcome.retryAfterMs ?? Math.min(8_000, 250 * 2 ** attempt);
    if (wait > TRACKER_HTTP.maxRetryAfterMs) {
      lastError = new TrackerHttpError(
        `${host} asked to wait ${Math.round(wait / 1000)} s (${outcome.waitReason ?? 'Retry-After'}): try again later`,
        outcome.error.status ?? 429,
        true,
      );
      break;
    }
    if (attempt < TRACKER_HTTP.attempts) await sleep(wait, undefined, { signal: request.signal });
  }
  // A refusal of the request itself (401, 404: wrong credentials or URL) is not the tracker
  // being down: it leaves the circuit alone.
  if (
    lastError &&
    (lastError.status === null || lastError.status >= 500 || lastError.status === 429)
  ) {
    circuit.failures++;
    if (circuit.failures >= TRACKER_HTTP.circuitFailures) {
      circuit.openUntil = Date.now() + TRACKER_HTTP.circuitOpenMs;
      circuit.failures = 0;
    }
  }
  throw lastError ?? new TrackerHttpError(`${host}: no answer`, null, true);
}

type Outcome =
  | { ok: true; value: unknown; headers: Headers }
  | {
      ok: false;
      error: TrackerHttpError;
      retry: boolean;
      retryAfterMs?: number;
      waitReason?: string;
    };

async function attemptOnce(request: TrackerRequest): Promise<Outcome> {
  const host = new URL(request.url).host;
  const timeout = AbortSignal.timeout(TRACKER_HTTP.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    request.signal?.throwIfAborted();
    const why = timeout.aborted
      ? `no answer within ${TRACKER_HTTP.timeoutMs / 1000} s`
      : String((error as Error).cause ?? (error as Error).message);
    return { ok: false, error: new TrackerHttpError(`${host}: ${why}`, null, true), retry: true };
  }
  const limited = rateLimitWaitMs(response);
  if (limited !== null) {
    await response.body?.cancel();
    return {
      ok: false,
      error: new TrackerHttpError(
        `${host} answered ${response.status}: rate limit exhausted`,
        response.status,
        true,
      ),
      retry: true,
      retryAfterMs: limited,
      waitReason: 'rate limit reset',
    };
  }
  if (response.status === 429) {
    await response.body?.cancel();
    return {
      ok: false,
      error: new TrackerHttpError(`${host} answered 429 Too Many Requests`, 429),
      retry: true,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).slice(0, 300);
    return {
      ok: false,
      error: new TrackerHttpError(
        `${host} answered ${response.status}${text ? `: ${text}` : ''}`,
        response.status,
      ),
      retry: response.status >= 500,
    };
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > TRACKER_HTTP.maxBodyBytes) {
    await response.body?.cancel();
    return {
      ok: false,
      error: new TrackerHttpError(`${host}: answer too large`, null),
      retry: false,
    };
  }
  try {
    return { ok: true, value: JSON.parse(await response.text()), headers: response.headers };
  } catch {
    return {
      ok: false,
      // a gateway's error page in place of the API's answer
      error: new TrackerHttpError(`${host}: answer is not JSON`, null, true),
      retry: true,
    };
  }
}

/**
 * A rate limit that is used up (GitHub: 403 or 429 with `x-ratelimit-remaining: 0`): the wait
 * until `x-ratelimit-reset` (epoch seconds), or null. A 403 with `retry-after` (GitHub's secondary
 * limit) waits that long. Other 403s are refusals, not limits.
 */
function rateLimitWaitMs(response: Response): number | null {
  if (response.status !== 403 && response.status !== 429) return null;
  const remaining = response.headers.get('x-ratelimit-remaining');
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  if (remaining?.trim() === '0' && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, reset * 1000 - Date.now());
  }
  if (response.status === 403 && response.headers.has('retry-after')) {
    return retryAfterMs(response.headers.get('retry-after'));
  }
  return null;
}

/** Retry-After in seconds or as an HTTP date; 1 s when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  if (header && /^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = header ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

/** For tests: forget every circuit. */
export function resetCircuits(): void {
  circuits.clear();
}
