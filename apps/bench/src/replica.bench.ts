import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  Database,
  ensureDatabase,
  parseLsn,
  removeEmbeddedCluster,
  runInRequestScope,
  startEmbeddedPostgres,
  startEmbeddedStandby,
} from '@app/database';
import { spread, type Spread } from './stats.js';
import { freePort } from '@app/common';

export interface ReplicaFigures {
  /** a fresh embedded primary: initdb and start */
  primarySeconds: number;
  /** its standby: slot, base backup, start until it accepts read-only connections */
  standbySeconds: number;
  /** a committed write until the standby has replayed it (ms) */
  replay: Spread;
  writes: number;
  /** one read-write transaction that writes one row, without and with a standby configured (ms) */
  write: { alone: Spread; routed: Spread };
  /** one read-only transaction (inside a request): on the primary, on the standby (ms) */
  read: { primary: Spread; standby: Spread };
  rounds: number;
  /** of the `rounds` routed reads, how many the standby answered */
  onStandby: number;
}

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The read replica's figures on a primary and a standby of its own: how long the embedded
 * standby takes to make, how soon a write is readable there, and what routing adds to a
 * transaction (the "did it write" statement and the write's WAL position, only with a standby).
 */
export async function benchReplica(log: (m: string) => void): Promise<ReplicaFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-bench-replica-'));
  let t = performance.now();
  const primary = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
  const primarySeconds = (performance.now() - t) / 1000;
  const opened: Database[] = [];
  try {
    const url = await ensureDatabase(primary.url, 'bench_replica');
    await withClient(url, async (c) => {
      await c.query('CREATE ROLE throughline_app');
      await c.query('CREATE TABLE marks (id int PRIMARY KEY, v int NOT NULL)');
      await c.query('INSERT INTO marks SELECT g, 0 FROM generate_series(1, 1000) g');
      await c.query('GRANT SELECT, UPDATE ON marks TO throughline_app');
    });
    t = performance.now();
    const standby = await startEmbeddedStandby({
      primary,
      dataDir: join(dir, 'standby'),
      port: await freePort(),
    });
    const standbySeconds = (performance.now() - t) / 1000;
    const standbyUrl = standby.databaseUrl('bench_replica');
    log('replica bench: primary and standby up');

    const writes = 200;
    const replay: number[] = [];
    await withClient(url, (p) =>
      withClient(standbyUrl, async (s) => {
        for (let i = 0; i < writes; i++) {
          await p.query('UPDATE marks SET v = v + 1 WHERE id = $1', [1 + (i % 1000)]);
          const done = performance.now();
          const [{ lsn }] = (await p.query('SELECT pg_current_wal_insert_lsn()::text AS lsn'))
            .rows as { lsn: string }[];
          const target = parseLsn(lsn)!;
          for (;;) {
            const [{ replayed }] = (
              await s.query('SELECT pg_last_wal_replay_lsn()::text AS replayed')
            ).rows as { replayed: string }[];
            if (parseLsn(replayed)! >= target) break;
          }
          replay.push(performance.now() - done);
        }
      }),
    );

    const open = async (databaseReadUrl: string | null) => {
      const db = await Database.open(
        { databaseUrl: url, dataDir: '', embeddedPgPort: 0, databaseReadUrl },
        quiet,
      );
      opened.push(db);
      return db;
    };
    const alone = await open(null);
    const routed = await open(standbyUrl);
    const scope = { organizationId: null };
    let onStandby = 0;
    const timed = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      const result = await runInRequestScope(30_000, work);
      const ms = performance.now() - start;
      if ((result as { standby?: boolean }[] | undefined)?.[0]?.standby === true) onStandby++;
      return ms;
    };
    const write = (db: Database, id: number) =>
      db.transaction(scope, (em) => em.query('UPDATE marks SET v = v + 1 WHERE id = $1', [id]));
    const read = (db: Database) =>
      db.transaction(
        scope,
        (em) => em.query('SELECT sum(v), pg_is_in_recovery() AS standby FROM marks'),
        {
          isolation: 'REPEATABLE READ',
          readOnly: true,
        },
      );
    const rounds = 300;
    const figures = { alone: [] as number[], routed: [] as number[] };
    const reads = { primary: [] as number[], standby: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      // interleaved, so a busy moment of the machine falls on both
      figures.alone.push(await timed(() => write(alone, 1 + (i % 1000))));
      figures.routed.push(await timed(() => write(routed, 1 + (i % 1000))));
    }
    // the writes above keep the routed reads on the primary until the standby replays them
    await new Promise((r) => setTimeout(r, 1_000));
    for (let i = 0; i < rounds; i++) {
      reads.primary.push(await timed(() => read(alone)));
      reads.standby.push(await timed(() => read(routed)));
    }
    if (onStandby === 0) throw new Error('no routed read ran on the standby');
    await standby.remove();
    return {
      primarySeconds,
      standbySeconds,
      replay: spread(replay),
      writes,
      write: { alone: spread(figures.alone), routed: spread(figures.routed) },
      read: { primary: spread(reads.primary), standby: spread(reads.standby) },
      rounds,
      onStandby,
    };
  } finally {
    await Promise.all(opened.map((db) => db.close()));
    await primary.stop();
    removeEmbeddedCluster(join(dir, 'pg'));
    removeEmbeddedCluster(join(dir, 'standby'));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
