import { NO_TIME, SETTLE_MS, type Disturbance } from './disturbances.js';
import { READS, type OperationName } from './operations.js';
import type { Sample } from './runner.js';

export interface OperationFigures {
  name: OperationName | 'dashboard reads' | 'all';
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** failures by their HTTP status, GraphQL code or network error */
  errors: Record<string, number>;
  failed: number;
}

export interface WindowFigures {
  disturbance: Disturbance;
  /** [start, back + settle] in ms since the load began */
  window: [number, number];
  requests: number;
  failed: number;
  /** requests sent after the kill or stop and answered with success before the part was back */
  succeededWhileDown: number;
  /** first to last failure of the window (by the time each was answered), ms; null without one */
  failingFor: number | null;
  readsP99: number;
}

export interface LoadFigures {
  operations: OperationFigures[];
  windows: WindowFigures[];
  outside: { requests: number; failed: number; readsP99: number; errors: Record<string, number> };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(
  name: OperationFigures['name'],
  samples: Sample[],
  seconds: number,
): OperationFigures {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const s of samples) if (!s.ok) errors[s.error ?? '?'] = (errors[s.error ?? '?'] ?? 0) + 1;
  return {
    name,
    requests: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    errors,
    failed: samples.filter((s) => !s.ok).length,
  };
}

const isRead = (s: Sample) => READS.includes(s.name);

/** Whether a request was in flight at some time of the window (sent before a kill counts too). */
const during = (s: Sample, window: [number, number]) =>
  s.at <= window[1] && s.at + s.ms >= window[0];

/**
 * The run's figures: per operation, the dashboard reads together and all requests; then each
 * disturbance's window (from the kill or stop to the part being back, plus the 2 s after which
 * nginx tries a failed replica again) against everything outside the windows. A request belongs to
 * a window when it was in flight at some time inside it (one a kill cut short was sent before).
 */
export function figuresOf(
  samples: Sample[],
  seconds: number,
  disturbances: Disturbance[],
): LoadFigures {
  const names = [...new Set(samples.map((s) => s.name))];
  const operations = [
    ...names.map((name) =>
      summary(
        name,
        samples.filter((s) => s.name === name),
        seconds,
      ),
    ),
    summary('dashboard reads', samples.filter(isRead), seconds),
    summary('all', samples, seconds),
  ];
  const end = seconds * 1000;
  const windows = disturbances
    .filter((d) => d.problem !== NO_TIME)
    .map((disturbance): WindowFigures => {
      const window: [number, number] = [disturbance.start, (disturbance.back ?? end) + SETTLE_MS];
      const inside = samples.filter((s) => during(s, window));
      // when each failure was answered: a request a kill cut short fails at the kill
      const failures = inside.filter((s) => !s.ok).map((s) => s.at + s.ms);
      return {
        disturbance,
        window,
        requests: inside.length,
        failed: failures.length,
        succeededWhileDown: inside.filter(
          (s) => s.ok && s.at >= disturbance.start && s.at + s.ms <= (disturbance.back ?? end),
        ).length,
        failingFor: failures.length ? Math.max(...failures) - Math.min(...failures) : null,
        readsP99: percentile(
          inside
            .filter(isRead)
            .map((s) => s.ms)
            .sort((a, b) => a - b),
          99,
        ),
      };
    });
  const outsideSamples = samples.filter((s) => !windows.some((w) => during(s, w.window)));
  const outsideSummary = summary('all', outsideSamples, seconds);
  return {
    operations,
    windows,
    outside: {
      requests: outsideSummary.requests,
      failed: outsideSummary.failed,
      errors: outsideSummary.errors,
      readsP99: percentile(
        outsideSamples
          .filter(isRead)
          .map((s) => s.ms)
          .sort((a, b) => a - b),
        99,
      ),
    },
  };
}
