import type { EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { Database, queryCounter, runInRequestScope } from '@app/database';
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
    // one transaction: its start with the scope, the three loads, COMMIT
    expect(queryCounter.statements - before).toBe(5);
    // loads of a later turn get a transaction of their own
    const [d, e] = await inRequest(async () => {
      const first = await tenant.load(actor, xid);
      return [first, await tenant.load(actor, xid)];
    });
    expect(d).not.toBe(e);
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

  it('outside a request, a load is a transaction of its own', async () => {
    const [a, b] = await Promise.all([tenant.load(actor, xid), tenant.load(actor, xid)]);
    expect(a).not.toBe(b);
  });
});
