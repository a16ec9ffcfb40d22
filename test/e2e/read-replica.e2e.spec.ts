import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  Database,
  ensureDatabase,
  removeEmbeddedCluster,
  runInRequestScope,
  startEmbeddedPostgres,
  startEmbeddedStandby,
  type DatabaseEnv,
  type EmbeddedDatabase,
  type EmbeddedStandby,
  type TenantScope,
} from '@app/database';
import { TestApp, type Session } from '../support/test-app.js';
import { alignmentOrganization } from './alignment-fixture.js';
import { freePort } from '@app/common';

/**
 * Report reads on a streaming standby: a real primary and a real hot standby, both started by the
 * embedded modules (the tests' shared server is left alone: this file pauses and stops its
 * standby), and the real API over HTTP reading through them.
 */
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
const DB = 'throughline_replica_test';

let dir: string;
let primary: EmbeddedDatabase;
let standby: EmbeddedStandby;
let primaryUrl: string;
let standbyUrl: string;
let app: TestApp;
let acme: Session;
let globex: Session;
const opened: Database[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'throughline-replica-'));
  primary = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
  primaryUrl = await ensureDatabase(primary.url, DB);
  const db = await Database.open(
    { databaseUrl: primaryUrl, dataDir: '', embeddedPgPort: 0 },
    quiet,
  );
  await db.migrate();
  await db.close();
  standby = await startEmbeddedStandby({
    primary,
    dataDir: join(dir, 'standby'),
    port: await freePort(),
  });
  standbyUrl = standby.databaseUrl(DB);
  // a generous threshold: only the lag test (its own Database) is about the threshold
  app = await TestApp.start({
    databaseUrl: primaryUrl,
    env: {
      DATABASE_READ_URL: standbyUrl,
      READ_REPLICA_MAX_LAG_MS: '60000',
      METRICS_TOKEN,
    },
  });
  acme = await alignmentOrganization(app);
  globex = await app.signUp('Globex');
  await app.ok(
    `mutation { createStrategicGoal(input: { key: "GX", title: "Globex goal" }) { id } }`,
    {},
    globex.token,
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await app?.close();
  await standby?.remove();
  await primary?.stop();
  removeEmbeddedCluster(join(dir, 'pg'));
  rmSync(dir, { recursive: true, force: true });
});

const scopeOf = (s: Session): TenantScope => ({
  organizationId: s.organizationId,
  userId: s.userId,
});

/**
 * Where a report's read-only transaction ran, asked inside it: its server, role and tenant. In a
 * request scope of its own, as an HTTP request's (`inRequest`: in the caller's).
 */
function servedBy(db: Database, s: Session, inRequest = false) {
  return inRequest ? whereRead(db, s) : runInRequestScope(30_000, () => whereRead(db, s));
}

async function whereRead(db: Database, s: Session) {
  return db.transaction(
    scopeOf(s),
    async (em) => {
      const [row] = (await em.query(
        `SELECT pg_is_in_recovery() AS standby, current_user AS role,
                current_setting('app.organization_id') AS org`,
      )) as { standby: boolean; role: string; org: string }[];
      return { server: row!.standby ? 'standby' : 'primary', role: row!.role, org: row!.org };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sql(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const METRICS_TOKEN = 'replica-metrics-token-0123456789abcdef';

/** The replica gauges' lines of the app's /metrics. */
async function replicaMetrics(): Promise<string[]> {
  const res = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.text()).split('\n').filter((line) => /^throughline_db_replica_/.test(line));
}

const pauseReplay = () => sql(standbyUrl, 'SELECT pg_wal_replay_pause()');
const resumeReplay = () => sql(standbyUrl, 'SELECT pg_wal_replay_resume()');

async function open(env: Partial<DatabaseEnv>): Promise<Database> {
  const db = await Database.open(
    {
      databaseUrl: primaryUrl,
      dataDir: '',
      embeddedPgPort: 0,
      databaseReadUrl: standbyUrl,
      ...env,
    },
    quiet,
  );
  opened.push(db);
  return db;
}

async function goalTitles(s: Session): Promise<string[]> {
  const data = await app.ok<{ alignmentTree: { nodes: { kind: string; title: string }[] } }>(
    `{ alignmentTree { nodes { kind title } } }`,
    {},
    s.token,
  );
  return data.alignmentTree.nodes.filter((n) => n.kind === 'GOAL').map((n) => n.title);
}

it('serves a report from the standby, as the app role under the tenant’s row-level security', async () => {
  await waitFor('the standby', async () => (await servedBy(app.db, acme)).server === 'standby');
  expect(await servedBy(app.db, acme)).toEqual({
    server: 'standby',
    role: 'throughline_app',
    org: acme.organizationId,
  });
  expect(app.db.replicaLagSeconds()).toBeLessThan(60);
  // outside an HTTP request (workers, the CLI, live views), reads stay on the primary
  expect((await whereRead(app.db, acme)).server).toBe('primary');

  // a change only the primary has (replay paused; made outside the app, so no write of the app's
  // keeps the tenant on the primary): the report over HTTP shows the standby's older title
  await pauseReplay();
  try {
    await sql(
      primaryUrl,
      `UPDATE strategic_goals SET title = 'Only on the primary' WHERE organization_id = $1 AND key = 'G1'`,
      [acme.organizationId],
    );
    const titles = await goalTitles(acme);
    expect(titles).toContain('Enterprise');
    expect(titles).not.toContain('Only on the primary');
  } finally {
    await resumeReplay();
  }
  await waitFor('the replayed title', async () =>
    (await goalTitles(acme)).includes('Only on the primary'),
  );
});

it('sends reads after a write to the primary: the rest of the request, and the tenant’s next requests until replayed', async () => {
  await waitFor('the standby', async () => (await servedBy(app.db, globex)).server === 'standby');
  const { strategicGoal: g1 } = await app.ok<{ strategicGoal: { id: string } }>(
    `{ strategicGoal(key: "G1") { id } }`,
    {},
    acme.token,
  );
  await pauseReplay();
  try {
    // the owner renames a goal: the standby (paused) cannot have it, yet the next request sees it
    await app.ok(
      `mutation($id: ID!) { updateStrategicGoal(input: { id: $id, title: "Renamed by its owner" }) { id } }`,
      { id: g1.id },
      acme.token,
    );
    expect(await goalTitles(acme)).toContain('Renamed by its owner');
    expect((await servedBy(app.db, acme)).server).toBe('primary');
    // another organization's reports stay on the standby
    expect((await servedBy(app.db, globex)).server).toBe('standby');

    // within one request: a read-write transaction that only read changes nothing; one that wrote
    // sends the request's later reads to the primary
    const inRequest = (write: string) =>
      runInRequestScope(30_000, async () => {
        await app.db.transaction(scopeOf(globex), (em) => em.query(write));
        return (await servedBy(app.db, globex, true)).server;
      });
    expect(await inRequest('SELECT count(*) FROM strategic_goals')).toBe('standby');
    expect(
      await inRequest(`UPDATE strategic_goals SET description = 'written in the request'`),
    ).toBe('primary');
    // the next request of that organization too, until the standby replayed the write
    expect((await servedBy(app.db, globex)).server).toBe('primary');
  } finally {
    await resumeReplay();
  }
  await waitFor(
    'reads back on the standby',
    async () =>
      (await servedBy(app.db, acme)).server === 'standby' &&
      (await servedBy(app.db, globex)).server === 'standby',
  );
  expect(await goalTitles(acme)).toContain('Renamed by its owner');
});

it('leaves a standby that lags by the threshold or more for the primary', async () => {
  const db = await open({ readReplicaMaxLagMs: 1_000 });
  await waitFor('the standby', async () => (await servedBy(db, globex)).server === 'standby');
  await pauseReplay();
  try {
    await sql(
      primaryUrl,
      `UPDATE strategic_goals SET description = 'lag' WHERE organization_id = $1`,
      [globex.organizationId],
    );
    await waitFor('a lag of 1 s', () => (db.replicaLagSeconds() ?? 0) >= 1);
    expect((await servedBy(db, globex)).server).toBe('primary');
    // the measured lag is the time since the write, not since the standby's last replayed commit
    expect(db.replicaLagSeconds()).toBeLessThan(20);
  } finally {
    await resumeReplay();
  }
  await waitFor('a caught-up standby', () => db.replicaLagSeconds() === 0);
  expect((await servedBy(db, globex)).server).toBe('standby');
});

it('answers reads from the primary within the same request when the standby is down, and uses it again once back', async () => {
  await waitFor('the standby', async () => (await servedBy(app.db, acme)).server === 'standby');
  // measured once at open, never again: only the failed read itself can tell it is gone
  const db = await open({ readReplicaPollMs: 3_600_000 });
  expect((await servedBy(db, acme)).server).toBe('standby');
  await standby.stop();
  try {
    expect(await servedBy(db, acme)).toEqual({
      server: 'primary',
      role: 'throughline_app',
      org: acme.organizationId,
    });
    expect(db.replicaLagSeconds()).toBeNull();
    // the API's reports keep answering
    expect(await goalTitles(acme)).toContain('Renamed by its owner');
    // and its metrics say the standby is down (its lag unknown, so absent)
    const replica = `127.0.0.1:${standby.port}/${DB}`;
    await waitFor('the replica gauge at 0', async () =>
      (await replicaMetrics()).includes(`throughline_db_replica_up{replica="${replica}"} 0`),
    );
    expect((await replicaMetrics()).some((l) => l.startsWith('throughline_db_replica_lag'))).toBe(
      false,
    );
  } finally {
    await standby.start();
  }
  await waitFor(
    'the standby again',
    async () => (await servedBy(app.db, acme)).server === 'standby',
  );
  const replica = `127.0.0.1:${standby.port}/${DB}`;
  await waitFor('the replica gauge at 1', async () =>
    (await replicaMetrics()).includes(`throughline_db_replica_up{replica="${replica}"} 1`),
  );
  expect(await replicaMetrics()).toContainEqual(
    expect.stringMatching(
      new RegExp(`^throughline_db_replica_lag_seconds\\{replica="${replica}"\\} [0-9.e-]+$`),
    ),
  );
});

it('starts an embedded standby of the embedded database itself with EMBEDDED_STANDBY, reuses it, and drops its slot once it is turned off', async () => {
  const dataDir = join(dir, 'app-data');
  const ports = { embeddedPgPort: await freePort(), embeddedStandbyPort: await freePort() };
  const notices: string[] = [];
  const openEmbedded = (embeddedStandby: boolean) =>
    Database.open(
      { databaseUrl: null, dataDir, ...ports, embeddedStandby },
      { ...quiet, log: (m) => notices.push(m) },
    );
  const owner = await app.signUp('Embedded');
  try {
    for (const round of ['fresh', 'reused']) {
      const db = await openEmbedded(true);
      try {
        // the app role is all a transaction needs here (the migrations create it, more slowly)
        if (round === 'fresh') await sql(db.url, 'CREATE ROLE throughline_app');
        expect(db.hasReadReplica).toBe(true);
        await waitFor(
          `the ${round} embedded standby`,
          async () => (await servedBy(db, owner)).server === 'standby',
        );
      } finally {
        await db.close();
      }
    }
    expect(notices.filter((m) => m.startsWith('copying the primary'))).toHaveLength(1);
    expect(notices.filter((m) => m.startsWith('reusing the embedded standby'))).toHaveLength(1);

    // turned off: the slot that would keep the primary's WAL for it is dropped
    const db = await openEmbedded(false);
    try {
      expect(db.hasReadReplica).toBe(false);
      expect(await sql(db.url, 'SELECT slot_name FROM pg_replication_slots')).toEqual([]);
      expect((await servedBy(db, owner)).server).toBe('primary');
    } finally {
      await db.close();
    }
  } finally {
    removeEmbeddedCluster(join(dataDir, 'postgres'));
    removeEmbeddedCluster(join(dataDir, 'postgres-standby'));
  }
});
