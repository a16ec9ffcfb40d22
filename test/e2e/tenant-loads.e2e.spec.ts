import type { EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import {
  Database,
  queryCounter,
  REPORT_WORK_MEM,
  runInRequestScope,
  useReportMemory,
} from '@app/database';
import { TestApp, type Session } from '../support/test-app.js';

/**
 * Tenant.load on real PostgreSQL: the loads of one request that start in the same turn of the
 * event loop share one transaction; when it fails, each load runs again on its own.
 */
describe('Tenant.load', () => {
  let app: TestApp;
  let s: Session;
  let actor: Actor;
  let tenant: Tenant;
  beforeAll(async () => {
    app = await TestApp.start();
    s = await app.signUp('Acme');
    actor = { userId: s.userId, organizationId: s.organizationId, role: 'OWNER' };
    tenant = app.app.get(Tenant);
  });
  afterAll(() => app.close());

  /** Until the load transaction's COMMIT (a turn after the last answer) was sent, 2 s at most. */
  const settled = async () => {
    for (let seen = -1, i = 0; i < 200 && seen !== queryCounter.statements; i++) {
      seen = queryCounter.statements;
      await new Promise((done) => setTimeout(done, 10));
    }
  };
  const inRequest = <T>(fn: () => Promise<T>) => runInRequestScope(30_000, fn);
  const xid = (em: EntityManager) =>
    em.query('SELECT pg_current_xact_id()::text AS x').then((r: { x: string }[]) => r[0].x);
  const organization = (em: EntityManager) =>
    em
      .query(`SELECT current_setting('app.organization_id') AS o`)
      .then((r: { o: string }[]) => r[0].o);

  it('loads of one turn share one transaction, in the caller scope', async () => {
    const before = queryCounter.statements;
    const [a, b, c] = await inRequest(() =>
      Promise.all([
        tenant.load(actor, xid),
        tenant.load(actor, xid),
        tenant.load(actor, organization),
      ]),
    );
    expect(a).toBe(b);
    expect(c).toBe(s.organizationId);
    // the answers come before the COMMIT, which follows a turn later (more loads could come)
    await settled();
    // one transaction: its start with the scope, the three loads, COMMIT
    expect(queryCounter.statements - before).toBe(5);
    // a load that the answer of another brings about joins its transaction while it is open
    // (the next level of fields); once it has closed, a load gets a transaction of its own
    const before2 = queryCounter.statements;
    const [d, e, f] = await inRequest(async () => {
      const first = await tenant.load(actor, xid);
      const second = await tenant.load(actor, xid);
      await settled();
      return [first, second, await tenant.load(actor, xid)];
    });
    expect(d).toBe(e);
    expect(f).not.toBe(d);
    await settled();
    // two transactions: start, two loads and COMMIT; start, one load and COMMIT
    expect(queryCounter.statements - before2).toBe(7);
  });

  it('when the shared transaction fails, each load runs alone and gets its own answer or error', async () => {
    const results = await inRequest(() =>
      Promise.allSettled([
        tenant.load(actor, (em) =>
          em.query('SELECT 1 AS one').then((r: { one: number }[]) => r[0].one),
        ),
        tenant.load(actor, (em) => em.query('SELECT 1 / 0')),
        tenant.load(actor, organization),
      ]),
    );
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(results[1].status).toBe('rejected');
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    expect(results[2]).toEqual({ status: 'fulfilled', value: s.organizationId });
    // a load of the next level after a failure in an earlier round: its own transaction
    const later = await inRequest(async () => {
      const one = await tenant.load(actor, (em) =>
        em.query('SELECT 1 AS one').then((r: { one: number }[]) => r[0].one),
      );
      const failing = tenant.load(actor, (em) => em.query('SELECT 1 / 0')).catch(String);
      const third = tenant.load(actor, organization);
      return [one, await failing, await third];
    });
    expect(later[0]).toBe(1);
    expect(later[1]).toMatch(/division by zero/);
    expect(later[2]).toBe(s.organizationId);
  });

  it("a transaction's first message carries its scope's values exactly, quotes and backslashes included", async () => {
    const hostile = `o'brien\\'); SELECT pg_sleep(1); --@example.com`;
    const operation = `x' || current_user || '\\`;
    const settings = await app.app.get(Database).transaction(
      { organizationId: s.organizationId, userId: s.userId, authEmail: hostile, operation },
      (em) =>
        em.query(
          `SELECT current_setting('app.auth_email') AS email, current_setting('app.operation') AS operation,
                  current_setting('transaction_isolation') AS isolation, current_setting('transaction_read_only') AS ro`,
        ),
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
    expect(settings).toEqual([
      { email: hostile.toLowerCase(), operation, isolation: 'repeatable read', ro: 'on' },
    ]);
  });

  it("no load joins the request's open transaction past its deadline: it is refused as any transaction then", async () => {
    const late = runInRequestScope(200, async () => {
      await tenant.load(actor, async (em) => {
        const x = await xid(em);
        await new Promise((done) => setTimeout(done, 300)); // the request's time runs out
        return x;
      });
      return tenant.load(actor, xid);
    });
    await expect(late).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it("a report's snapshot begins with a report's memory in its first message; other transactions keep the server's", async () => {
    const workMem = (em: EntityManager) =>
      em.query(`SELECT current_setting('work_mem') AS m`).then((r: { m: string }[]) => r[0].m);
    const before = queryCounter.statements;
    expect(await tenant.snapshot(actor, workMem)).toBe(REPORT_WORK_MEM);
    // its start with the scope and the memory, the read, COMMIT
    expect(queryCounter.statements - before).toBe(3);
    expect(await tenant.run(actor, workMem)).not.toBe(REPORT_WORK_MEM);
    // a report computed inside another transaction sets it there, once
    expect(
      await tenant.run(actor, async (em) => {
        await useReportMemory(em);
        await useReportMemory(em);
        return workMem(em);
      }),
    ).toBe(REPORT_WORK_MEM);
  });

  it('outside a request, a load is a transaction of its own', async () => {
    const [a, b] = await Promise.all([tenant.load(actor, xid), tenant.load(actor, xid)]);
    expect(a).not.toBe(b);
  });
});
