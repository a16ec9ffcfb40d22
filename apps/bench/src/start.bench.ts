import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '@app/common';

export interface StartFigures {
  /** `npm start` in a copy without dist/ nor data: build everything, new database, demo seeded */
  firstSeconds: number;
  /** `npm start` again in the same copy: nothing to build, the database exists */
  secondSeconds: number;
}

/** A running `npm start` of the copy, kept for the dashboard's measurement. */
export interface StartedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * How long `npm start` takes until the server answers its first GraphQL query: in a copy of the
 * project's tracked files (sharing node_modules), as a fresh clone after `npm ci` would (first
 * start), then again in the same copy (second start). The second server is left running for the
 * dashboard's measurement; the copy goes with it.
 */
export async function benchStart(
  log: (m: string) => void,
): Promise<{ figures: StartFigures; server: StartedServer }> {
  const root = process.cwd();
  const copy = mkdtempSync(join(tmpdir(), 'throughline-start-'));
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file), { dereference: false });
  }
  symlinkSync(resolve(root, 'node_modules'), join(copy, 'node_modules'));
  const ports = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
  const url = `http://127.0.0.1:${ports.PORT}`;
  const removeCopy = () => rmSync(copy, { recursive: true, force: true });
  try {
    log('  first npm start (build everything, new database, demo)');
    const first = await startedIn(copy, ports, url);
    await first.stop();
    log('  second npm start');
    const second = await startedIn(copy, ports, url);
    return {
      figures: { firstSeconds: first.seconds, secondSeconds: second.seconds },
      server: {
        url,
        stop: async () => {
          await second.stop();
          removeCopy();
        },
      },
    };
  } catch (error) {
    removeCopy();
    throw error;
  }
}

async function startedIn(
  cwd: string,
  ports: Record<string, string>,
  url: string,
): Promise<{ seconds: number; stop(): Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, DATA_DIR: join(cwd, 'data') };
  delete env.DATABASE_URL;
  delete env.JWT_SECRET;
  delete env.SECRETS_KEY;
  delete env.DEMO;
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!running()) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM'); // npm and the server it started
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    // (npm ended by the signal has no exit code: SIGKILL only when it is still running, or the
    // server would die in the middle of stopping its PostgreSQL and leave it running)
    if (running()) process.kill(-child.pid!, 'SIGKILL');
    // npm exits before the server has stopped its embedded PostgreSQL: the copy (its data
    // directory) must outlive that, or the database is left running without its files
    await portClosed(Number(ports.EMBEDDED_PG_PORT), 20_000);
  };
  try {
    while (!(await answers(url))) {
      if (!running()) throw new Error(`npm start exited:\n${output.slice(-2000)}`);
      if (performance.now() - started > 180_000)
        throw new Error(`no answer within 180 s:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { seconds: (performance.now() - started) / 1000, stop };
}

/** Resolves once nothing accepts connections on the port any more, or after `ms`. */
async function portClosed(port: number, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  const open = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  while (performance.now() < deadline && (await open())) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first GraphQL query a client would send answers (`{ __typename }` needs no account). */
async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const body = (await res.json()) as { data?: { __typename?: string } };
    return body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}
