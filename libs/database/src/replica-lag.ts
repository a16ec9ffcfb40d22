/** Something that runs one SQL statement: a pg Client or Pool, a TypeORM DataSource. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** One measurement of how far a streaming standby is behind its primary. */
export interface ReplicaLag {
  /** seconds of the primary's history the standby has not replayed yet (0: caught up) */
  seconds: number;
  /** WAL bytes the standby has not replayed yet */
  bytes: number;
  /** the primary's WAL insert position when measured */
  primaryLsn: bigint;
  /** the last WAL position the standby replayed */
  replayLsn: bigint;
  /** replay paused with pg_wal_replay_pause() */
  paused: boolean;
  /** when it was measured (Date.now()) */
  at: number;
}

/** A WAL position as PostgreSQL prints it ("16/B374D848") as a number; null stays null. */
export function parseLsn(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/**
 * Measures the lag of `standby` behind `primary` with two statements. The primary is asked first,
 * so a standby that has replayed the position read there has every write committed before the
 * measurement. Caught up, the lag is 0 whatever the clock says; behind, it is the age of the last
 * transaction the standby replayed, an upper bound (after a quiet hour, the first write behind
 * reads as an hour until replayed): too high sends reads to the primary, never the reverse.
 * Throws when either cannot answer, or when `standby` is no standby (not in recovery).
 */
export async function measureReplicaLag(
  primary: Queryable,
  standby: Queryable,
): Promise<ReplicaLag> {
  const [top] = rows<{ lsn: string }>(
    await primary.query('SELECT pg_current_wal_insert_lsn()::text AS lsn'),
  );
  const [side] = rows<{
    recovery: boolean;
    replay: string | null;
    paused: boolean;
    age: string | number | null;
  }>(
    await standby.query(
      `SELECT pg_is_in_recovery() AS recovery,
              pg_last_wal_replay_lsn()::text AS replay,
              pg_is_in_recovery() AND pg_is_wal_replay_paused() AS paused,
              EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) AS age`,
    ),
  );
  if (!side?.recovery) throw new Error('the read server is not a standby (not in recovery)');
  const primaryLsn = parseLsn(top?.lsn)!;
  const replayLsn = parseLsn(side.replay) ?? 0n;
  const behind = primaryLsn > replayLsn ? primaryLsn - replayLsn : 0n;
  const age = side.age === null ? Number.POSITIVE_INFINITY : Math.max(0, Number(side.age));
  return {
    seconds: behind === 0n ? 0 : age,
    bytes: Number(behind),
    primaryLsn,
    replayLsn,
    paused: side.paused,
    at: Date.now(),
  };
}

/** The rows of a pg result, or the array TypeORM's query returns. */
function rows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
