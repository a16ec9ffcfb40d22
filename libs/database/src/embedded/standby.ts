import {
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { EmbeddedDatabase } from '../embedded-postgres.js';
import { assertPortFree } from '../embedded-postgres.js';
import { measureReplicaLag, type ReplicaLag } from '../replica-lag.js';
import { DatabaseStartError } from '../start-error.js';
import { locateCluster, removeCluster } from './cluster-location.js';
import { postgresUser, type RunAs } from './postgres-user.js';
import { findPostmaster, liveNodeOwner, removeStalePidFile, stopPostmaster } from './postmaster.js';
import { startServer, type ServerProcess } from './server.js';
import { defaultSharedDirs, sharedDir, type SharedDir } from './shared-dir.js';

export interface StandbyOptions {
  /** a running embedded primary, as startEmbeddedPostgres returned it (not a shared one's copy) */
  primary: EmbeddedDatabase;
  /** where the standby's cluster lives, e.g. DATA_DIR/postgres-standby */
  dataDir: string;
  /** its port on 127.0.0.1 (not the primary's) */
  port: number;
  /** the replication slot and application_name on the primary (one per standby) */
  name?: string;
  /** PostgreSQL's own output */
  log?: (message: string) => void;
  /** what this module decides: copying the primary, reusing a standby, ... */
  notice?: (message: string) => void;
  /** root only: see EmbeddedOptions.sharedDirs */
  sharedDirs?: string[];
}

/**
 * A streaming-replication standby of an embedded primary. Reads on it see the primary's committed
 * writes once replayed (see `replayLag`); it refuses writes.
 */
export interface EmbeddedStandby {
  /** connection URL of the standby's `postgres` database, as the primary's superuser */
  url: string;
  port: number;
  clusterDir: string;
  /** the physical replication slot on the primary that keeps the WAL this standby still needs */
  slot: string;
  /** the same server's URL for another database (`throughline`) */
  databaseUrl(name: string): string;
  /** whether a postmaster runs on the standby's cluster */
  running(): boolean;
  /** starts it when it is not running; resolves once it accepts read-only connections */
  start(): Promise<void>;
  /** fast shutdown (a standby another live process started is left to that process) */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** one measurement now (two short connections); the read router keeps its own, cached */
  replayLag(): Promise<ReplicaLag>;
  /** stops it, drops its slot on the primary and removes its cluster */
  remove(): Promise<void>;
}

const DEFAULT_NAME = 'throughline_standby';

/**
 * Makes (or reuses) a hot standby of `primary` and starts it, with PostgreSQL's own machinery:
 * a physical replication slot, the low-level base backup (pg_backup_start, a copy of the data
 * directory without what the documentation says to leave out, pg_backup_stop's backup_label and
 * tablespace map), standby.signal and primary_conninfo. It connects back as the primary's
 * superuser over 127.0.0.1, which initdb's pg_hba.conf already allows for replication. As root it
 * runs as the postgres system user, like the primary.
 *
 * A standby found in `dataDir` is reused when it belongs to this primary (same system identifier
 * in pg_control) and its slot still exists; otherwise it is copied afresh.
 *
 *     const primary = await startEmbeddedPostgres({ dataDir: `${DATA_DIR}/postgres`, port: 54329 });
 *     const standby = await startEmbeddedStandby({
 *       primary,
 *       dataDir: `${DATA_DIR}/postgres-standby`,
 *       port: 54330,
 *     });
 *     standby.databaseUrl('throughline'); // read-only connections: DATABASE_READ_URL
 *     (await standby.replayLag()).seconds; // 0 when caught up
 *     await standby.stop(); // before the primary's stop; remove() also drops its slot
 *
 * Several standbys of one primary need a `name` (slot) each, and ports and directories of their own.
 */
export async function startEmbeddedStandby(options: StandbyOptions): Promise<EmbeddedStandby> {
  const { primary } = options;
  const name = options.name ?? DEFAULT_NAME;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid standby name ${name}`);
  if (options.port === primary.port) {
    throw new DatabaseStartError(
      'PORT_IN_USE',
      `embedded standby: port ${options.port} is the primary's: choose another (EMBEDDED_STANDBY_PORT)`,
    );
  }
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const runAs = await postgresUser();
  let shared: Promise<SharedDir> | undefined;
  const sharedOnce = () => (shared ??= sharedDir(runAs, options.sharedDirs ?? defaultSharedDirs()));
  const cluster = await locateCluster(options.dataDir, runAs, sharedOnce, notice);
  const dir = cluster.dir;
  const label = cluster.linked ? `${options.dataDir} (linked to ${dir})` : dir;

  const found = findPostmaster(dir);
  let port = options.port;
  if (found && liveNodeOwner(found) === null) {
    notice(`stopping a stale embedded standby (pid ${found.pid}) left by an earlier run`);
    await stopPostmaster(found.pid);
  } else if (found?.port) {
    // another live process (the API, while the CLI runs) started it: shared, on its port
    notice(`using the embedded standby (pid ${found.pid}, port ${found.port}) of another process`);
    port = found.port;
  }
  let server: ServerProcess | null = null;
  const start = async () => {
    if (server?.running() || findPostmaster(dir)) return;
    removeStalePidFile(dir, notice);
    await assertPortFree(port);
    server = await startServer(primary.binDir, dir, port, runAs, log, label);
  };

  if (!findPostmaster(dir)) {
    await withClient(primary.url, async (client) => {
      if (await reusable(client, dir, primary.clusterDir, name)) {
        notice(`reusing the embedded standby in ${dir}`);
        return;
      }
      notice(`copying the primary (${primary.clusterDir}) to a standby in ${dir}`);
      // a DATA_DIR the postgres user reaches keeps the cluster in place: nothing made it yet
      makeDir(dir, runAs);
      await baseBackup(client, primary.clusterDir, dir, runAs, name);
      writeStandbyConfig(dir, runAs, primary, name);
    });
  }
  await start();

  const url = new URL(primary.url);
  url.port = String(port);
  const databaseUrl = (database: string) => {
    const u = new URL(url);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const stop = async () => {
    const current = server;
    server = null;
    await current?.stop();
  };
  return {
    url: url.toString(),
    port,
    clusterDir: dir,
    slot: name,
    databaseUrl,
    running: () => findPostmaster(dir) !== null,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    replayLag: () =>
      withClient(primary.url, (p) => withClient(url.toString(), (s) => measureReplicaLag(p, s))),
    remove: async () => {
      await stop();
      await withClient(primary.url, (client) => dropSlot(client, name)).catch(() => undefined);
      removeCluster(options.dataDir);
    },
  };
}

/**
 * Drops the standby's replication slot on the primary when no standby streams through it: a slot
 * keeps every WAL segment from its position on, so one left by a standby that is no longer used
 * (EMBEDDED_STANDBY turned off, its directory removed) would fill the primary's disk. Whether it
 * dropped one.
 */
export async function dropIdleStandbySlot(
  primaryUrl: string,
  name = DEFAULT_NAME,
): Promise<boolean> {
  return withClient(primaryUrl, async (client) => {
    const dropped = await client.query(
      `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
        WHERE slot_name = $1 AND NOT active`,
      [name],
    );
    return (dropped.rowCount ?? 0) > 0;
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A standby of this very primary (pg_control's system identifier) whose slot still holds WAL. */
async function reusable(
  client: pg.Client,
  dir: string,
  primaryDir: string,
  slot: string,
): Promise<boolean> {
  if (!existsSync(join(dir, 'PG_VERSION')) || !existsSync(join(dir, 'standby.signal'))) {
    return false;
  }
  const id = (cluster: string) => {
    try {
      // ControlFileData begins with the 8-byte system identifier initdb chose
      return readFileSync(join(cluster, 'global', 'pg_control'))
        .subarray(0, 8)
        .toString('hex');
    } catch {
      return null;
    }
  };
  const mine = id(dir);
  if (mine === null || mine !== id(primaryDir)) return false;
  const found = await client.query(
    `SELECT 1 FROM pg_replication_slots
      WHERE slot_name = $1 AND restart_lsn IS NOT NULL AND wal_status IS DISTINCT FROM 'lost'`,
    [slot],
  );
  return found.rowCount === 1;
}

async function dropSlot(client: pg.Client, slot: string): Promise<void> {
  await client.query(
    'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
}

/** Directories whose contents a base backup leaves out; the directories themselves are kept. */
const EMPTIED = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);
/** Top-level files a base backup leaves out: the running server's, or an earlier backup's. */
const LEFT_OUT = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'standby.signal',
  'recovery.signal',
  'current_logfiles',
]);

/**
 * The low-level base backup: a fresh slot reserving WAL from now on, pg_backup_start (an
 * immediate checkpoint), the copy, pg_backup_stop in the same session, whose backup_label and
 * tablespace map go into the copy. pg_control is copied last, as pg_basebackup does.
 */
async function baseBackup(
  client: pg.Client,
  from: string,
  to: string,
  runAs: RunAs,
  slot: string,
): Promise<void> {
  const tablespaces = readdirSync(join(from, 'pg_tblspc'));
  if (tablespaces.length > 0) {
    throw new DatabaseStartError(
      'START_FAILED',
      `embedded standby: the primary has tablespaces (${tablespaces.join(', ')}), which this copy does not handle`,
    );
  }
  const active = await client.query(
    'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  if ((active.rows[0] as { active?: boolean } | undefined)?.active) {
    throw new DatabaseStartError(
      'START_FAILED',
      `embedded standby: another standby streams through the slot ${slot}: give this one another name`,
    );
  }
  await dropSlot(client, slot);
  await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);

  for (const entry of readdirSync(to)) rmSync(join(to, entry), { recursive: true, force: true });
  await client.query('SELECT pg_backup_start($1, true)', [`throughline ${slot}`]);
  let stopped = false;
  try {
    copyTree(from, to, '', runAs);
    copyFile(join(from, 'global', 'pg_control'), join(to, 'global', 'pg_control'), runAs);
    const result = await client.query<{ labelfile: string; spcmapfile: string | null }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    stopped = true;
    const { labelfile, spcmapfile } = result.rows[0]!;
    writeOwned(join(to, 'backup_label'), labelfile, runAs);
    if (spcmapfile) writeOwned(join(to, 'tablespace_map'), spcmapfile, runAs);
  } finally {
    // a failed copy must not leave the primary in backup mode (the session's end would end it too)
    if (!stopped) await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
  }
  for (const sub of ['archive_status', 'summaries']) makeDir(join(to, 'pg_wal', sub), runAs);
}

function copyTree(from: string, to: string, relative: string, runAs: RunAs): void {
  let entries: string[];
  try {
    entries = readdirSync(join(from, relative));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // dropped meanwhile
    throw error;
  }
  for (const name of entries) {
    const path = join(relative, name);
    if (relative === '' && LEFT_OUT.has(name)) continue;
    if (name.startsWith('pgsql_tmp') || name === 'pg_internal.init') continue;
    if (path === join('global', 'pg_control')) continue; // last, by the caller
    let stat;
    try {
      stat = lstatSync(join(from, path));
    } catch {
      continue; // a relation dropped while we copy: the WAL replay drops it too
    }
    if (stat.isDirectory()) {
      makeDir(join(to, path), runAs);
      if (!(relative === '' && EMPTIED.has(name))) copyTree(from, to, path, runAs);
    } else if (stat.isFile()) {
      copyFile(join(from, path), join(to, path), runAs);
    }
  }
}

function copyFile(from: string, to: string, runAs: RunAs): void {
  try {
    copyFileSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  own(to, runAs);
}

function makeDir(path: string, runAs: RunAs): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  own(path, runAs);
}

function writeOwned(path: string, text: string, runAs: RunAs): void {
  writeFileSync(path, text, { mode: 0o600 });
  own(path, runAs);
}

function own(path: string, runAs: RunAs): void {
  if (runAs.uid !== undefined) chownSync(path, runAs.uid, runAs.gid!);
}

/**
 * standby.signal, and in postgresql.auto.conf (copied from the primary, read after
 * postgresql.conf) where to stream from. hot_standby_feedback keeps the primary's vacuum from
 * removing rows a report on the standby still reads, which would cancel that report.
 */
function writeStandbyConfig(
  dir: string,
  runAs: RunAs,
  primary: EmbeddedDatabase,
  name: string,
): void {
  const url = new URL(primary.url);
  const conninfo = [
    ['host', '127.0.0.1'],
    ['port', String(primary.port)],
    ['user', decodeURIComponent(url.username)],
    ['password', decodeURIComponent(url.password)],
    ['application_name', name],
  ]
    .map(([key, value]) => `${key}='${value!.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)
    .join(' ');
  const setting = (value: string) => `'${value.replace(/'/g, "''")}'`;
  const autoConf = join(dir, 'postgresql.auto.conf');
  const before = existsSync(autoConf) ? readFileSync(autoConf, 'utf8') : '';
  writeOwned(
    autoConf,
    `${before.replace(/\n?$/, '\n')}` +
      `primary_conninfo = ${setting(conninfo)}\n` +
      `primary_slot_name = ${setting(name)}\n` +
      `hot_standby = on\n` +
      `hot_standby_feedback = on\n`,
    runAs,
  );
  writeOwned(join(dir, 'standby.signal'), '', runAs);
}
