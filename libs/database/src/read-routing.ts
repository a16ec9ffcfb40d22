import pg from 'pg';
import {
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  type DataSource,
} from 'typeorm';
import { measureReplicaLag, parseLsn, type ReplicaLag } from './replica-lag.js';
import { insideRequest, requestHasWritten } from './request-scope.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** Who a transaction is for, as far as routing cares (a TenantScope). */
export interface RoutingScope {
  organizationId: string | null;
  userId?: string | null;
}

export interface ReadRoutingOptions {
  /** connection URLs of the primary and of its standby (for the lag measurement's own sessions) */
  primaryUrl: string;
  replicaUrl: string;
  /** a read goes to the standby only while its measured replay lag is under this */
  maxLagMs: number;
  /** how often the lag is measured (default 200 ms) */
  pollMs?: number;
  log: { log(message: string): void; warn(message: string): void };
}

/** A write's key when the transaction had no tenant (a sign-up): every tenant waits for it. */
const ANYONE = '*';

/**
 * Decides, for each read-only transaction, whether it may run on the standby
 * (docs/decisions.md, "Reads on a standby"):
 * - only inside an HTTP request: workers, the CLI and live views pushed after another process's
 *   write (which this process never saw) read the primary;
 * - never after the same HTTP request wrote (request-scope.ts marks it);
 * - never while the standby's last measured replay lag is at or over `maxLagMs`, or the last
 *   measurement failed or is older than a few intervals;
 * - never while the standby has not replayed the last write of the same organization or user
 *   (its WAL position after commit, against the standby's pg_last_wal_replay_lsn()), so a change
 *   is visible to its author and teammates on their next request as well.
 * The lag is measured every `pollMs` in the background over two sessions of its own, never per
 * request; a read that fails on the standby because it is unreachable marks it down until the
 * next good measurement.
 */
export class ReadRouter {
  private last: ReplicaLag | null = null;
  /** the primary's WAL position at recent measurements: bounds the lag more tightly */
  private history: { at: number; lsn: bigint }[] = [];
  /** per organization (`o:<id>`) and user (`u:<id>`): the WAL position of its last write */
  private readonly pending = new Map<string, bigint>();
  /** writes whose position could not be read (the primary went away after COMMIT): their time */
  private readonly unresolved = new Map<string, number>();
  private readonly pollMs: number;
  private readonly primaryPool: pg.Pool;
  private readonly replicaPool: pg.Pool;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private reported: 'up' | 'down' | null = null;

  constructor(
    private readonly primary: DataSource,
    /** the standby's DataSource (initialised by the caller) */
    readonly replica: DataSource,
    private readonly options: ReadRoutingOptions,
  ) {
    this.pollMs = options.pollMs ?? 200;
    const pool = (connectionString: string) => {
      const p = new pg.Pool({
        connectionString,
        max: 1,
        connectionTimeoutMillis: 2_000,
        application_name: 'throughline-lag',
      });
      p.on('error', () => undefined); // a dropped idle session: the next measurement reconnects
      return p;
    };
    this.primaryPool = pool(options.primaryUrl);
    this.replicaPool = pool(options.replicaUrl);
  }

  /** Starts measuring; resolves after the first measurement (which may find the standby down). */
  async start(): Promise<void> {
    this.timer = setInterval(() => void this.measure(), this.pollMs);
    this.timer.unref();
    await this.measure();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    await Promise.all([this.primaryPool.end(), this.replicaPool.end()]);
  }

  /** The last measured replay lag in seconds; null when the last measurement failed. */
  lagSeconds(): number | null {
    return this.last?.seconds ?? null;
  }

  /** Whether a read-only transaction for `scope` may run on the standby now. */
  useReplica(scope: RoutingScope): boolean {
    if (!insideRequest() || requestHasWritten()) return false;
    const last = this.last;
    if (!last || !this.replica.isInitialized) return false;
    if (Date.now() - last.at > this.pollMs * 5 + 1_000) return false; // measurements stalled
    if (last.seconds * 1000 >= this.options.maxLagMs) return false;
    for (const key of [ANYONE, ...keysOf(scope)]) {
      if (this.unresolved.has(key)) return false;
      const written = this.pending.get(key);
      if (written !== undefined && last.replayLsn < written) return false;
    }
    return true;
  }

  /**
   * After a transaction for `scope` committed a write: the primary's WAL position now is past its
   * commit record, and reads for that tenant stay on the primary until the standby replayed it.
   */
  async wrote(scope: RoutingScope): Promise<void> {
    const keys = keysOf(scope);
    if (keys.length === 0) keys.push(ANYONE);
    const at = Date.now();
    try {
      const [row] = (await this.primary.query(
        'SELECT pg_current_wal_insert_lsn()::text AS lsn',
      )) as { lsn: string }[];
      const lsn = parseLsn(row?.lsn)!;
      for (const key of keys) this.remember(key, lsn);
    } catch {
      // The write committed: its request must not fail now. The next measurement that starts
      // after this moment reads a primary position past it, and stands in for it.
      for (const key of keys) this.unresolved.set(key, at);
    }
  }

  private remember(key: string, lsn: bigint): void {
    if ((this.pending.get(key) ?? -1n) < lsn) this.pending.set(key, lsn);
  }

  /** A read on the standby failed for `error`: whether to run it again on the primary. */
  failedOnReplica(error: unknown): boolean {
    if (!isStandbyTrouble(error)) return false;
    this.last = null; // primary until the next good measurement
    this.report('down', error);
    return true;
  }

  /** One measurement (skipped while the previous one still runs). */
  measure(): Promise<void> {
    this.polling ??= this.measureOnce().finally(() => (this.polling = null));
    return this.polling;
  }

  private async measureOnce(): Promise<void> {
    const at = Date.now();
    try {
      const lag = await measureReplicaLag(this.primaryPool, this.replicaPool);
      // it did not answer when the app started: connect now that it does
      if (!this.replica.isInitialized) await this.replica.initialize();
      this.history.push({ at, lsn: lag.primaryLsn });
      if (this.history.length > 600) this.history.shift();
      // Everything the primary had written when it was last at or below the replayed position is
      // replayed, so the oldest unreplayed change is younger than that measurement.
      const caughtUp = [...this.history].reverse().find((h) => h.lsn <= lag.replayLsn);
      if (caughtUp && lag.seconds > 0) {
        lag.seconds = Math.min(lag.seconds, (lag.at - caughtUp.at) / 1000);
      }
      for (const [key, wroteAt] of this.unresolved) {
        if (wroteAt > at) continue;
        this.remember(key, lag.primaryLsn);
        this.unresolved.delete(key);
      }
      this.last = lag;
      for (const [key, lsn] of this.pending) if (lsn <= lag.replayLsn) this.pending.delete(key);
      this.report('up');
    } catch (error) {
      this.last = null;
      this.report('down', error);
    }
  }

  /** Logs the standby going down or coming back, once per change. */
  private report(state: 'up' | 'down', error?: unknown): void {
    if (this.reported === state) return;
    const first = this.reported === null;
    this.reported = state;
    if (state === 'down') {
      this.options.log.warn(
        `read replica unavailable, reads go to the primary: ${String((error as Error)?.message ?? error)}`,
      );
    } else if (!first) {
      this.options.log.log('read replica available again');
    }
  }
}

function keysOf(scope: RoutingScope): string[] {
  const keys: string[] = [];
  if (scope.organizationId) keys.push(`o:${scope.organizationId}`);
  if (scope.userId) keys.push(`u:${scope.userId}`);
  return keys;
}

/**
 * The standby is unreachable, was lost mid-transaction, or cancelled the read because replay
 * needed what it held (a recovery conflict): the primary can answer the same read.
 */
function isStandbyTrouble(error: unknown): boolean {
  if (
    isDatabaseUnavailable(error) ||
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return /conflict with recovery/i.test(message);
}
