import { Tenant, type Actor } from '@app/common';
import { runInRequestScope, type Database } from '@app/database';
import { seedOrganization } from '../support/seed-organization.js';
import { openTestDatabase } from '../support/test-database.js';

/**
 * Identical report reads of requests that arrive together share one computation
 * (Tenant.sharedSnapshot), which runs in the turn and under the deadline of the request that
 * queued it. Another request's deadline must not fail the requests that merely shared it.
 */
describe('shared report computations and request deadlines', () => {
  let db: Database;
  let close: () => Promise<void>;
  let actor: Actor;

  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
    actor = await seedOrganization(db, 'sharedSnapshot');
  });
  afterAll(() => close());

  /** A report that reads for `seconds` and answers who computed it. */
  const slowReport = (seconds: number, who: string) => async (em: EntityManagerLike) => {
    await em.query('SELECT pg_sleep($1)', [seconds]);
    return who;
  };

  it('a sharer whose deadline is later gets its answer when the request that queued the computation ran out of time', async () => {
    const tenant = new Tenant(db);
    const key = 'report:deadline';
    // Z's computation runs first: whoever asks while it runs queues the next one
    const z = runInRequestScope(5_000, () =>
      tenant.sharedSnapshot(actor, key, slowReport(0.3, 'z')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A queues the next computation with 600 ms to live: it starts after Z's (about 250 ms
    // later) and needs 400 ms, so A's deadline stops it
    const a = runInRequestScope(600, () => tenant.sharedSnapshot(actor, key, slowReport(0.4, 'a')));
    // B arrives while A's is queued and shares it, with time to spare
    const b = runInRequestScope(5_000, () =>
      tenant.sharedSnapshot(actor, key, slowReport(0.4, 'b')),
    );
    const [zSettled, aSettled, bSettled] = await Promise.allSettled([z, a, b]);

    expect(zSettled).toEqual({ status: 'fulfilled', value: 'z' });
    expect(aSettled.status).toBe('rejected');
    const aError = (aSettled as PromiseRejectedResult).reason as { code?: string };
    // A's own deadline: the request's TIMEOUT, or the statement_timeout it set (57014)
    expect(['TIMEOUT', '57014']).toContain(aError.code);
    // B shared A's computation, then computed on its own when A's deadline stopped it
    expect(bSettled).toEqual({ status: 'fulfilled', value: 'b' });
  });

  it('a failure that is not a deadline stays every sharer’s failure (no second computation)', async () => {
    const tenant = new Tenant(db);
    const key = 'report:broken';
    let computations = 0;
    const broken = async (em: EntityManagerLike) => {
      computations++;
      await em.query('SELECT pg_sleep(0.2)');
      await em.query('SELECT 1 / 0');
      return 'never';
    };
    const z = runInRequestScope(5_000, () =>
      tenant.sharedSnapshot(actor, key, slowReport(0.3, 'z')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const a = runInRequestScope(5_000, () => tenant.sharedSnapshot(actor, key, broken));
    const b = runInRequestScope(5_000, () => tenant.sharedSnapshot(actor, key, broken));
    const [, aSettled, bSettled] = await Promise.allSettled([z, a, b]);

    expect(aSettled.status).toBe('rejected');
    expect(bSettled.status).toBe('rejected');
    expect(((bSettled as PromiseRejectedResult).reason as { code?: string }).code).toBe('22012');
    expect(computations).toBe(1);
  });
});

interface EntityManagerLike {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}
