import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The built server and CLI as processes, as `npm start` and `npm run cli` run them (`npm test`
 * builds before running jest): helpers for the tests that start, kill and signal them.
 */
export const MAIN = resolve(process.env.TEST_SERVER_MAIN ?? 'dist/apps/api/src/main.js');
export const CLI = resolve('dist/apps/cli/src/main.js');
/** the password of the embedded server's superuser (libs/database/src/embedded-postgres.ts) */
export const EMBEDDED_PASSWORD = 'throughline-embedded';

export interface ServerProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** This process's env with `env` on top, and no database, secret or jest settings of its own. */
export function cleanEnv(env: Record<string, string>): Record<string, string | undefined> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const name of [
    'DATABASE_URL',
    'JWT_SECRET',
    'SECRETS_KEY',
    'REDIS_URL',
    'NODE_OPTIONS',
    'LOG_LEVEL',
  ]) {
    if (!(name in env)) delete childEnv[name];
  }
  for (const name of Object.keys(childEnv)) if (name.startsWith('TEST_')) delete childEnv[name];
  return childEnv;
}

/** Starts the built server with exactly `env` on top of a clean copy of this process's env. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      into.push(...lines.filter((l) => l.trim() !== ''));
    };
  };
  child.stdout!.on('data', collect(stdout));
  child.stderr!.on('data', collect(stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout, stderr, exited };
}

/** Runs the built CLI to its end; never rejects (the exit code is part of the result). */
export async function runCli(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: cleanEnv(env),
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : -1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

export function waitReady(server: ServerProcess, port: number, timeoutMs = 90_000): Promise<void> {
  return waitFor200(server, port, '/health/ready', timeoutMs);
}

/** Until the server listens (liveness), before what its start does after that has finished. */
export function waitListening(server: ServerProcess, port: number): Promise<void> {
  return waitFor200(server, port, '/health/live', 90_000);
}

async function waitFor200(
  server: ServerProcess,
  port: number,
  path: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`the server exited during start-up:\n${server.stderr.join('\n')}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `no 200 from ${path} after ${timeoutMs} ms:\n${server.stdout.concat(server.stderr).join('\n')}`,
  );
}

export interface GqlResult {
  status: number;
  data: Record<string, any> | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export async function gql(
  port: number,
  query: string,
  variables = {},
  token?: string,
): Promise<GqlResult> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GqlResult, 'status'>;
  return { status: res.status, ...body };
}

/** Whether `pid` runs; a zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; comm may contain spaces, the state follows ')'
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self');
  }
}

/** The postmaster of the embedded PostgreSQL in DATA_DIR, when one is running. */
export function postmasterOf(dataDir: string): number | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/**
 * How many TCP connections to `port` the process `pid` has accepted (its socket descriptors
 * matched against /proc/net/tcp): requests the server has taken in, not ones waiting in the
 * kernel's backlog.
 */
export function acceptedConnections(pid: number, port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address, remote, state (01: established), ..., inode (10th field)
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '01' && inodes.has(fields[9] ?? '')) {
        count++;
      }
    }
  }
  return count;
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
