import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built server, as `npm start` runs it (`npm test` builds before running jest). */
const MAIN = resolve(process.env.TEST_SERVER_MAIN ?? 'dist/apps/api/src/main.js');
const PASSWORD = 'correct horse battery';

interface Server {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the built server with exactly `env` on top of a clean copy of this process's env. */
function startServer(env: Record<string, string>): Server {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  // the server must choose its database itself: no DATABASE_URL, no jest or test settings
  for (const name of ['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL', 'NODE_OPTIONS', 'LOG_LEVEL']) {
    if (!(name in env)) delete childEnv[name];
  }
  for (const name of Object.keys(childEnv)) if (name.startsWith('TEST_')) delete childEnv[name];
  const child = spawn(process.execPath, [MAIN], {
    env: childEnv,
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

async function waitReady(server: Server, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`the server exited during start-up:\n${server.stderr.join('\n')}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `not ready after ${timeoutMs} ms:\n${server.stdout.concat(server.stderr).join('\n')}`,
  );
}

async function gql(port: number, query: string, variables = {}, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data: Record<string, any> | null;
    errors?: { message: string; extensions: Record<string, unknown> }[];
  };
}

/** Whether `pid` runs; a zombie (exited, not yet reaped by its new parent) counts as gone. */
function isAlive(pid: number): boolean {
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
function postmasterOf(dataDir: string): number | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no exit after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the built server as a process', () => {
  const dirs: string[] = [];
  const servers: Server[] = [];

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  });

  afterAll(async () => {
    for (const server of servers) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }
    for (const dir of dirs) {
      const pid = postmasterOf(dir);
      if (pid) {
        process.kill(pid, 'SIGINT'); // fast shutdown of a server a failed test left behind
        for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-server-'));
    chmodSync(dir, 0o755);
    dirs.push(dir);
    return dir;
  }

  function start(env: Record<string, string>): Server {
    const server = startServer(env);
    servers.push(server);
    return server;
  }

  it('runs on the embedded database, survives a SIGKILL, keeps its data and secret, and stops cleanly on SIGTERM', async () => {
    const DATA_DIR = dataDir();
    const env = {
      DATA_DIR,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      DEMO: 'false',
      NODE_ENV: 'production',
    };
    const port = Number(env.PORT);

    // 1. first start: fresh DATA_DIR, embedded PostgreSQL initialised and migrated
    const first = start(env);
    await waitReady(first, port);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
    const signUp = await gql(
      port,
      `mutation($input: SignUpInput!) { signUp(input: $input) { token organization { id slug } } }`,
      {
        input: {
          email: 'ops@example.com',
          password: PASSWORD,
          name: 'Ops',
          organizationName: 'Process Co',
        },
      },
    );
    expect(signUp.errors).toBeUndefined();
    const token = signUp.data!.signUp.token as string;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const organizationId = signUp.data!.signUp.organization.id as string;
    expect(existsSync(join(DATA_DIR, 'jwt-secret'))).toBe(true);

    // the logs are JSON lines
    expect(first.stdout.length).toBeGreaterThan(0);
    const notJson = first.stdout.filter((line) => {
      try {
        return typeof JSON.parse(line) !== 'object';
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    expect(first.stdout.some((line) => /Throughline is running/.test(line))).toBe(true);

    // 2. killed: the embedded PostgreSQL is left running
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const stale = postmasterOf(DATA_DIR);
    expect(stale).not.toBeNull();

    // 3. second start on the same DATA_DIR and ports: the stale server is detected and stopped
    const second = start(env);
    await waitReady(second, port);
    expect(isAlive(stale!)).toBe(false);
    expect(postmasterOf(DATA_DIR)).not.toBe(stale);

    // the data persisted, and so did the JWT secret: the old token is still valid
    const logIn = await gql(
      port,
      `mutation { logIn(input: { email: "ops@example.com", password: "${PASSWORD}" }) { token organization { id } } }`,
    );
    expect(logIn.errors).toBeUndefined();
    expect(logIn.data!.logIn.organization.id).toBe(organizationId);
    const withOldToken = await gql(port, `{ organization { id } }`, {}, token);
    expect(withOldToken.data).toEqual({ organization: { id: organizationId } });

    // production errors carry a code and never a stack trace or SQL
    const failures = [
      await gql(port, `{ organization { id } }`),
      await gql(port, `{ nope }`),
      await gql(port, `mutation { logIn(input: { email: "x", password: "y" }) { token } }`),
      await gql(port, `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`, {
        input: {
          email: 'nul@example.com',
          password: PASSWORD,
          name: 'nul\u0000byte',
          organizationName: 'Nul',
        },
      }),
    ];
    // a NUL byte PostgreSQL cannot store is the caller's fault, named before it reaches the database
    expect(failures[3].errors![0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'input.name',
          message: 'must not contain a NUL character (U+0000) (at character 4)',
        },
      ],
    });
    for (const res of failures) {
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const error of res.errors!) {
        expect(typeof error.extensions.code).toBe('string');
        expect(Object.keys(error.extensions).filter((k) => k !== 'code' && k !== 'fields')).toEqual(
          [],
        );
        expect(error.message).not.toMatch(/\n\s+at |INSERT INTO|SELECT /);
      }
    }

    // 4. SIGTERM: graceful shutdown, exit code 0, the embedded PostgreSQL stopped too
    const postmaster = postmasterOf(DATA_DIR);
    expect(postmaster).not.toBeNull();
    second.child.kill('SIGTERM');
    const { code, signal } = await withTimeout(second.exited, 20_000, 'SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(isAlive(postmaster!)).toBe(false);
    expect(postmasterOf(DATA_DIR)).toBeNull();
  }, 180_000);

  it('refuses an invalid environment at start-up, naming the variable', async () => {
    const server = start({ DATA_DIR: dataDir(), PORT: 'abc', DEMO: 'false' });
    const { code } = await withTimeout(server.exited, 20_000, 'PORT=abc');
    expect(code).not.toBe(0);
    expect(server.stderr.join('\n')).toMatch(/PORT/);
    expect(server.stderr.join('\n')).toMatch(/abc/);
  });
});
