import { freePort } from '@app/common';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { removeEmbeddedCluster } from '@app/database';
import {
  acceptedConnections,
  EMBEDDED_PASSWORD,
  gql,
  isAlive,
  MAIN,
  postmasterOf,
  runCli,
  startServer,
  until,
  waitListening,
  waitReady,
  withTimeout,
  type ServerProcess,
} from '../support/server-process.js';

const PASSWORD = 'correct horse battery';
const ROOT = process.getuid?.() === 0;
/** requests in flight when SIGTERM arrives */
const IN_FLIGHT = 20;

describe('the built server as a process', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];

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
      removeEmbeddedCluster(join(dir, 'postgres'));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * A DATA_DIR as `mktemp -d` makes it (mode 0700, never re-permissioned): as root, the postgres
   * user cannot reach it, exactly as with a clone under /root.
   */
  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-server-'));
    dirs.push(dir);
    return dir;
  }

  function start(env: Record<string, string>): ServerProcess {
    const server = startServer(env);
    servers.push(server);
    return server;
  }

  it('runs on the embedded database from a 0700 DATA_DIR, survives SIGKILLs (API and CLI reuse or stop the orphan), keeps its data and secret, and drains on SIGTERM', async () => {
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
    if (ROOT) {
      // the cluster lives where the postgres user can reach it, linked from DATA_DIR/postgres,
      // and the start-up log says so; DATA_DIR itself was left as it was
      expect(lstatSync(join(DATA_DIR, 'postgres')).isSymbolicLink()).toBe(true);
      expect(first.stdout.join('\n')).toMatch(/cluster lives in .* linked from/);
      expect(statSync(DATA_DIR).mode & 0o777).toBe(0o700);
    } else {
      console.log('0700 DATA_DIR as root: did not run: not root');
    }
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
    // the key of the SecretBox, generated beside it and readable by its owner only
    expect(statSync(join(DATA_DIR, 'secrets-key')).mode & 0o777).toBe(0o600);

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
    // a request's id is answered and written into its log lines (the library's own line too);
    // without METRICS_TOKEN there is no /metrics
    const refused = await fetch(`http://127.0.0.1:${port}/webhooks/jira/${organizationId}`, {
      method: 'POST',
      headers: { 'x-request-id': 'process-log-1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('x-request-id')).toBe('process-log-1');
    const mine = () => first.stdout.filter((line) => line.includes('"requestId":"process-log-1"'));
    await until(() => mine().length >= 2, 'two log lines with the request id');
    expect(mine().map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ context: 'WebhookInbox', level: 'info' }),
        expect.objectContaining({ msg: 'request completed', status: 404 }),
      ]),
    );
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);

    // 2. killed: the embedded PostgreSQL is left running
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const orphan = postmasterOf(DATA_DIR);
    expect(orphan).not.toBeNull();

    // 3. the CLI on the same DATA_DIR finds the orphan, stops it, works, and stops its own
    const migrate = await runCli(env, 'migrate');
    expect(migrate).toMatchObject({ code: 0, stdout: 'the schema is up to date\n' });
    expect(migrate.stderr).toMatch(/stopping a stale embedded PostgreSQL/);
    expect(isAlive(orphan!)).toBe(false);
    expect(postmasterOf(DATA_DIR)).toBeNull();

    // 4. the API started and killed again; the next start on the same DATA_DIR and ports
    // detects the orphan and stops it
    const second = start(env);
    await waitReady(second, port);
    second.child.kill('SIGKILL');
    await second.exited;
    const stale = postmasterOf(DATA_DIR);
    expect(stale).not.toBeNull();
    const third = start(env);
    await waitReady(third, port);
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
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    for (const res of failures) {
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const error of res.errors!) {
        expect(typeof error.extensions.code).toBe('string');
        // the code, the fields named, and the id the log lines carry: nothing else
        expect(
          Object.keys(error.extensions).filter(
            (k) => k !== 'code' && k !== 'fields' && k !== 'requestId',
          ),
        ).toEqual([]);
        expect(error.message).not.toMatch(/\n\s+at |INSERT INTO|SELECT /);
      }
    }

    // 5. SIGTERM with requests in flight: each plan import waits for the organization's link lock
    // (Tenant.lock: pg_advisory_xact_lock(hashtext('links:<organization>'))), which this test
    // holds, so they are still running when the signal arrives.
    const postmaster = postmasterOf(DATA_DIR);
    expect(postmaster).not.toBeNull();
    const plan = readFileSync('test/fixtures/small-plan.yaml', 'utf8');
    const holder = new pg.Client({
      connectionString: `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${env.EMBEDDED_PG_PORT}/throughline`,
    });
    holder.on('error', () => undefined); // the server stops at the end; nothing to report
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`links:${organizationId}`]);
    const imports = Array.from({ length: IN_FLIGHT }, () =>
      gql(
        port,
        `mutation($yaml: String!) { importPlan(yaml: $yaml) { applied problems { path message } } }`,
        { yaml: plan },
        token,
      ),
    );
    // every request taken in by the server, and as many as the pool holds waiting on the lock
    // (the others wait for a pooled connection)
    await until(
      () => acceptedConnections(third.child.pid!, port) >= IN_FLIGHT,
      `the server has accepted ${IN_FLIGHT} connections`,
    );
    await until(
      async () =>
        Number(
          (
            await holder.query(
              `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
            )
          ).rows[0].n,
        ) >= 10,
      'ten imports wait for the link lock',
    );
    third.child.kill('SIGTERM');
    await until(
      () => third.stdout.some((line) => /SIGTERM received/.test(line)),
      'the server logs the SIGTERM',
    );
    await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`links:${organizationId}`]);
    await holder.end();

    const results = await Promise.all(imports);
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.importPlan).toEqual({ applied: true, problems: [] });
    }
    const { code, signal } = await withTimeout(third.exited, 30_000, 'SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(isAlive(postmaster!)).toBe(false);
    expect(postmasterOf(DATA_DIR)).toBeNull();
  }, 300_000);

  /** A production server of its own that seeds the demo organization. */
  const demoEnv = async () => ({
    DATA_DIR: dataDir(),
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    DEMO: 'true',
    NODE_ENV: 'production',
  });

  it('a SIGTERM while the demo is being seeded lets the seeding finish, then stops cleanly', async () => {
    const env = await demoEnv();
    const { DATA_DIR } = env;
    const server = start(env);
    // the server answers once it listens; the demo is seeded after that, and until then the
    // server is not ready (unless the seeding was already over by this first look)
    await waitListening(server, Number(env.PORT));
    const ready = await fetch(`http://127.0.0.1:${env.PORT}/health/ready`);
    if (ready.status !== 200) {
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        reason: 'starting: seeding the demo organization',
      });
    }
    const postmaster = postmasterOf(DATA_DIR);
    expect(postmaster).not.toBeNull();
    server.child.kill('SIGTERM');
    const { code, signal } = await withTimeout(server.exited, 30_000, 'SIGTERM');
    const log = [...server.stdout, ...server.stderr].join('\n');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(log).not.toMatch(/shutdown failed|query failed|QueryRunnerAlreadyReleased/);
    expect(isAlive(postmaster!)).toBe(false);
  }, 120_000);

  it('is ready only once the demo organization is whole: the first read after ready finds all of it', async () => {
    const env = await demoEnv();
    const server = start(env);
    await waitReady(server, Number(env.PORT));
    const port = Number(env.PORT);
    const login = await gql(
      port,
      `mutation { logIn(input: { email: "demo@throughline.local", password: "throughline-demo" }) { token } }`,
    );
    const report = await gql(
      port,
      '{ alignment { totalEffort ticketCount } }',
      {},
      login.data!.logIn.token as string,
    );
    // the demo's active sprints as seeded (README: 343 points, 77 tickets)
    expect(report.data!.alignment).toEqual({ totalEffort: 343, ticketCount: 77 });
    server.child.kill('SIGTERM');
    expect(await withTimeout(server.exited, 30_000, 'SIGTERM')).toMatchObject({ code: 0 });
  }, 120_000);

  it('refuses an invalid environment at start-up, naming the variable', async () => {
    const server = start({ DATA_DIR: dataDir(), PORT: 'abc', DEMO: 'false' });
    const { code } = await withTimeout(server.exited, 20_000, 'PORT=abc');
    expect(code).not.toBe(0);
    expect(server.stderr.join('\n')).toMatch(/PORT/);
    expect(server.stderr.join('\n')).toMatch(/abc/);
  });

  it('says in one line, without a stack trace, that the database cannot start or be reached (API and CLI)', async () => {
    const blocker: Server = createServer();
    const pgPort = await freePort();
    await new Promise<void>((done) => blocker.listen(pgPort, '127.0.0.1', done));
    try {
      const env = {
        DATA_DIR: dataDir(),
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(pgPort),
        DEMO: 'false',
        NODE_ENV: 'production',
      };
      const server = start(env);
      const { code } = await withTimeout(server.exited, 60_000, 'a taken EMBEDDED_PG_PORT');
      expect(code).toBe(1);
      expect(server.stderr).toEqual([
        `embedded PostgreSQL: port ${pgPort} is in use (EADDRINUSE) by another program: set EMBEDDED_PG_PORT to a free port.`,
      ]);
      expect(server.stdout.join('\n')).not.toMatch(/\n\s+at /);

      // (after what it decided on the way, e.g. where the cluster lives)
      const cli = await runCli(env, 'seed-demo');
      expect(cli.code).toBe(1);
      const lines = cli.stderr.trim().split('\n');
      expect(lines.at(-1)).toBe(
        `error: embedded PostgreSQL: port ${pgPort} is in use (EADDRINUSE) by another program: set EMBEDDED_PG_PORT to a free port.`,
      );
      expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
    } finally {
      await new Promise((done) => blocker.close(done));
    }

    // the same for a DATABASE_URL whose server refuses the connection (no password shown)
    const closed = await freePort();
    const external = start({
      DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${closed}/throughline_test`,
      JWT_SECRET: 'one-line-test-secret-one-line-test-secret',
      SECRETS_KEY: '6f6e652d6c696e652d6b65792d6f6e652d6c696e652d6b65792d6f6e652d6c21',
      PORT: String(await freePort()),
      NODE_ENV: 'production',
    });
    expect((await withTimeout(external.exited, 60_000, 'a refused DATABASE_URL')).code).toBe(1);
    expect(external.stderr).toEqual([
      `cannot connect to PostgreSQL at 127.0.0.1:${closed}/throughline_test (DATABASE_URL): ` +
        `connect ECONNREFUSED 127.0.0.1:${closed}. Check that the server runs and accepts this ` +
        'user and password.',
    ]);
  });
});
