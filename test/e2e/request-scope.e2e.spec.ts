import pg from 'pg';
import type { Pool } from 'pg';
import { TestApp, type GqlResponse, type Session } from '../support/test-app.js';

/**
 * One request, one database connection at a time (10,000 aliased `me { role }` each held
 * a connection of the pool of 10 and stalled every other user), and a deadline per request. The
 * test holds a lock on the cycles table from a connection of its own, so a request reading cycles
 * waits inside its first transaction for as long as the test wants, whatever the machine's speed.
 */
const ALIASES = 12; // more than the pool's 10 connections, within the alias limit of 15

function pool(app: TestApp): Pool {
  return (app.db.dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * The app's backends waiting for a lock (the test's lock on cycles). Only those of this file's
 * database: the test server is shared with the files running beside this one, whose apps have
 * the same application_name and wait on locks of their own.
 */
async function waitingOnLock(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity
      WHERE application_name = 'throughline' AND wait_event_type = 'Lock'
        AND datname = current_database()`,
  );
  return Number(rows[0].n);
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 20));
}

describe('a request holds at most one database connection', () => {
  let app: TestApp;
  let admin: pg.Client;
  let heavy: Session;
  let other: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = new pg.Client({ connectionString: app.databaseUrl });
    await admin.connect();
    heavy = await app.signUp('Heavy');
    other = await app.signUp('Other');
  });
  afterAll(async () => {
    await admin.end();
    await app.close();
  });

  it('runs a wide request one transaction at a time, and serves another user meanwhile', async () => {
    const checkedOut: number[] = [];
    const p = pool(app);
    const watch = () => checkedOut.push(p.totalCount - p.idleCount);
    p.on('acquire', watch);
    try {
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE cycles IN ACCESS EXCLUSIVE MODE');
      const fields = Array.from(
        { length: ALIASES },
        (_, i) => `c${i}: cycles(first: 1) { nodes { key } }`,
      );
      let settled = false;
      const wide = app.gql(`{ ${fields.join(' ')} }`, {}, heavy.token).finally(() => {
        settled = true;
      });
      await until(async () => (await waitingOnLock(admin)) >= 1);

      // The wide request's first transaction waits on the lock with one connection; the others
      // wait their turn without one, so the pool still serves another user.
      expect(p.totalCount - p.idleCount).toBe(1);
      const served = await app.gql('{ teams(first: 5) { nodes { key } } }', {}, other.token);
      expect(served.errors).toBeUndefined();
      expect(settled).toBe(false);
      expect(await waitingOnLock(admin)).toBe(1);

      await admin.query('COMMIT');
      const res = await wide;
      expect(res.errors).toBeUndefined();
      expect(Object.keys(res.data!)).toHaveLength(ALIASES);
    } finally {
      p.off('acquire', watch);
      await admin.query('ROLLBACK').catch(() => undefined);
    }
    // never more than the wide request's one connection and the other user's one at a time
    expect(Math.max(...checkedOut)).toBeLessThanOrEqual(2);
  });

  it('checks the token once for all the fields of a request', async () => {
    // a token never used before: one the session cache does not hold yet
    const fresh = await app.signUp('Fresh');
    const statements = await app.statementsDuring(async () => {
      const fields = Array.from({ length: 15 }, (_, i) => `m${i}: me { role }`);
      const res = await app.gql(`{ ${fields.join(' ')} }`, {}, fresh.token);
      expect(res.errors).toBeUndefined();
    });
    // the authenticator's one statement: the membership with the user's session epoch
    const guardLookups = statements.filter((q) => /AS "sessionEpoch"/.test(q));
    expect(guardLookups).toHaveLength(1);
  });
});

describe('a request has a deadline (REQUEST_TIMEOUT_MS)', () => {
  let app: TestApp;
  let admin: pg.Client;

  beforeAll(async () => {
    app = await TestApp.start({ env: { REQUEST_TIMEOUT_MS: '1000' } });
    admin = new pg.Client({ connectionString: app.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await app.close();
  });

  it('stops a statement that would run past the deadline', async () => {
    const session = await app.signUp();
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE cycles IN ACCESS EXCLUSIVE MODE');
    let res: GqlResponse;
    try {
      // the statement waits on the lock until its statement_timeout (the time left of the
      // request's 1 s) stops it; without one it would wait as long as the lock is held
      res = await app.gql('{ cycles(first: 1) { nodes { key } } }', {}, session.token);
    } finally {
      await admin.query('ROLLBACK');
    }
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['TIMEOUT']);
    expect(res.errors![0].message).toMatch(/time left for this request/);
    // the next request has a deadline of its own
    const fresh = await app.gql('{ cycles(first: 1) { nodes { key } } }', {}, session.token);
    expect(fresh.errors).toBeUndefined();
  });
});
