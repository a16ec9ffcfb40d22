import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterFile } from '../cluster-file.js';

export type DisturbanceKind = 'replica' | 'standby';

/** One disturbance as it happened, in ms since the load began. */
export interface Disturbance {
  kind: DisturbanceKind;
  what: string;
  /** the kill or stop was sent */
  start: number;
  /** the part was back (the replica ready, the standby accepting connections); null: never */
  back: number | null;
  /** why it did not happen or did not end, if so */
  problem: string | null;
}

/** The problem of a disturbance left out because the run ends too soon after its time. */
export const NO_TIME = 'no time left in the run';

/** How long after the part is back the window stays open: nginx retries a failed replica after 2 s. */
export const SETTLE_MS = 2_000;

/**
 * The disturbances of one load, through the cluster's control endpoint, one after the other:
 * api-1 killed with SIGKILL at a quarter of the run and restarted a tenth of the run later (at
 * most 5 s); then, once the replica is back, the standby stopped and started again after as long.
 * A disturbance that would begin in the last 5 s of the run is left out (and said so).
 */
export async function disturb(
  control: ClusterFile['control'],
  kinds: DisturbanceKind[],
  seconds: number,
  origin: number,
): Promise<Disturbance[]> {
  const now = () => performance.now() - origin;
  const until = (ms: number) => sleep(Math.max(0, ms - now()));
  const down = Math.min(5_000, seconds * 100);
  const last = seconds * 1000 - 5_000;
  const done: Disturbance[] = [];
  let next = seconds * 250;
  const plans: Record<DisturbanceKind, { what: string; stop: string; start: string }> = {
    replica: {
      what: 'api-1 killed (SIGKILL), then restarted',
      stop: '/replicas/api-1/kill',
      start: '/replicas/api-1/start',
    },
    standby: {
      what: 'standby stopped, then started',
      stop: '/standby/stop',
      start: '/standby/start',
    },
  };
  for (const kind of kinds) {
    const plan = plans[kind];
    if (next > last) {
      done.push({ kind, what: plan.what, start: next, back: null, problem: NO_TIME });
      continue;
    }
    await until(next);
    const start = now();
    let back: number | null = null;
    let problem: string | null = null;
    try {
      await call(control, plan.stop);
      await until(start + down);
      await call(control, plan.start);
      back = now();
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    done.push({ kind, what: plan.what, start, back, problem });
    next = Math.max(seconds * 600, (back ?? now()) + SETTLE_MS);
  }
  return done;
}

async function call(control: ClusterFile['control'], path: string): Promise<void> {
  const response = await fetch(`${control.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${control.token}` },
    signal: AbortSignal.timeout(240_000),
  });
  const body = (await response.json()) as { ok?: boolean; error?: string };
  if (!response.ok || !body.ok)
    throw new Error(`${path}: ${body.error ?? `HTTP ${response.status}`}`);
}
