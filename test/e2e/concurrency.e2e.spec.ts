import { expectError, TestApp, type GqlResponse } from '../support/test-app.js';
import { DeliveryFixtures } from './delivery-fixtures.js';

/**
 * Concurrent edits never silently overwrite each other, and writes never fail for lack of locking
 * discipline: optimistic locking with `version` / `expectedVersion`, check-ins that keep `current`
 * equal to the newest check-in, and parallel links to one ticket that all succeed. Every write
 * here is fired at once over HTTP; the outcome, not the timing, is asserted.
 */
describe('concurrent writes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const times = <T>(n: number, make: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => make(i)));
  const codes = (responses: GqlResponse[]) =>
    responses.map((r) => (r.errors?.length ? r.errors[0].extensions.code : 'OK'));
  const count = (list: string[], value: string) => list.filter((x) => x === value).length;

  async function keyResult() {
    const fx = await DeliveryFixtures.signUp(app);
    const cycle = await fx.cycle('Q1');
    const objective = await fx.objective('O1', cycle);
    const kr = await fx.keyResult('KR1', objective);
    return { fx, kr };
  }

  const updateKeyResult = (fx: DeliveryFixtures, input: Record<string, unknown>) =>
    app.gql(
      `mutation($input: UpdateKeyResultInput!) { updateKeyResult(input: $input) { key current version } }`,
      { input },
      fx.owner.token,
    );

  describe('optimistic locking', () => {
    it('100 parallel edits from one version: exactly one applies, 99 are CONFLICT', async () => {
      const { fx, kr } = await keyResult();
      // 100 clients read current = 0 at version 1 and each writes current + 1 (read-then-write).
      const responses = await times(100, () =>
        updateKeyResult(fx, { id: kr, current: 1, expectedVersion: 1 }),
      );
      const outcome = codes(responses);
      expect(count(outcome, 'OK')).toBe(1);
      expect(count(outcome, 'CONFLICT')).toBe(99);
      const conflict = responses.find((r) => r.errors)!.errors![0];
      expect(conflict.message).toBe(
        'key result KR1 was changed by someone else (now version 2, you had 1): reload and try again',
      );
      const { keyResult: stored } = await app.ok(
        `query($id: ID!) { keyResult(id: $id) { current version } }`,
        { id: kr },
        fx.owner.token,
      );
      expect(stored).toEqual({ current: 1, version: 2 });
    });

    it('every write bumps the version; a write without expectedVersion applies as before', async () => {
      const { fx, kr } = await keyResult();
      const v = async (input: Record<string, unknown>) => {
        const res = await updateKeyResult(fx, { id: kr, ...input });
        return res.errors ? res.errors[0].extensions.code : res.data!.updateKeyResult.version;
      };
      expect(await v({ title: 'one', expectedVersion: 1 })).toBe(2);
      expect(await v({ title: 'two' })).toBe(3);
      expect(await v({ title: 'three', expectedVersion: 2 })).toBe('CONFLICT');
      expect(await v({ title: 'three', expectedVersion: 3 })).toBe(4);
      // a check-in changes the key result too
      const checkedIn = await app.ok(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { version } }`,
        { input: { keyResultId: kr, value: 5, confidence: 'ON_TRACK' } },
        fx.owner.token,
      );
      expect(checkedIn.checkIn.version).toBe(5);
      // saving what is stored changes nothing, not even the version
      expect(await v({ title: 'three', expectedVersion: 5 })).toBe(5);
      expectError(
        await app.gql(
          `mutation($id: ID!) { archiveKeyResult(id: $id, expectedVersion: 4) { version } }`,
          { id: kr },
          fx.owner.token,
        ),
        'CONFLICT',
      );
      const archived = await app.ok(
        `mutation($id: ID!) { archiveKeyResult(id: $id, expectedVersion: 5) { version archivedAt } }`,
        { id: kr },
        fx.owner.token,
      );
      expect(archived.archiveKeyResult.version).toBe(6);
    });

    it('a refused write changes nothing and a bad expectedVersion names the field', async () => {
      const { fx, kr } = await keyResult();
      await updateKeyResult(fx, { id: kr, title: 'moved on' });
      expectError(
        await updateKeyResult(fx, { id: kr, title: 'stale', expectedVersion: 1 }),
        'CONFLICT',
      );
      const bad = expectError(
        await updateKeyResult(fx, { id: kr, title: 'x', expectedVersion: 0 }),
        'BAD_USER_INPUT',
      );
      expect(bad.extensions.fields).toEqual([
        { field: 'input.expectedVersion', message: 'must be 1 or more' },
      ]);
      const { keyResult: stored } = await app.ok(
        `query($id: ID!) { keyResult(id: $id) { title version } }`,
        { id: kr },
        fx.owner.token,
      );
      expect(stored).toEqual({ title: 'moved on', version: 2 });
    });
  });

  describe('check-ins', () => {
    it('100 parallel check-ins leave current equal to the newest check-in', async () => {
      const { fx, kr } = await keyResult();
      await times(100, (i) =>
        app.ok(
          `mutation($input: CheckInInput!) { checkIn(input: $input) { current } }`,
          { input: { keyResultId: kr, value: i + 1, confidence: 'ON_TRACK' } },
          fx.owner.token,
        ),
      );
      const { keyResult: stored } = await app.ok(
        `query($id: ID!) { keyResult(id: $id) { current checkIns(first: 200) { nodes { value } } } }`,
        { id: kr },
        fx.owner.token,
      );
      expect(stored.checkIns.nodes).toHaveLength(100);
      expect(stored.current).toBe(stored.checkIns.nodes[0].value);
    });

    it('the same for KPI readings', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const goal = await app.ok(
        `mutation { createStrategicGoal(input: { key: "G1", title: "G1" }) { id } }`,
        {},
        fx.owner.token,
      );
      const kpi = await app.ok(
        `mutation($goalId: ID!) { createKpi(input: { key: "K1", goalId: $goalId, title: "Uptime" }) { id } }`,
        { goalId: goal.createStrategicGoal.id },
        fx.owner.token,
      );
      await times(50, (i) =>
        app.ok(
          `mutation($input: CheckInKpiInput!) { checkInKpi(input: $input) { current } }`,
          { input: { kpiId: kpi.createKpi.id, value: i + 1 } },
          fx.owner.token,
        ),
      );
      const { kpi: stored } = await app.ok(
        `query($id: ID!) { kpi(id: $id) { current checkIns(first: 200) { nodes { value } } } }`,
        { id: kpi.createKpi.id },
        fx.owner.token,
      );
      expect(stored.checkIns.nodes).toHaveLength(50);
      expect(stored.current).toBe(stored.checkIns.nodes[0].value);
    });
  });

  describe('ticket imports', () => {
    it('parallel imports of the same tickets in opposite orders all succeed', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const tickets = (title: string) =>
        Array.from({ length: 300 }, (_, i) => ({
          externalKey: `T-${String(i).padStart(3, '0')}`,
          title: `${title} ${i}`,
          rawStatus: 'To Do',
        }));
      const upsert = (list: unknown[]) =>
        app.gql(
          `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created updated } }`,
          { t: list },
          fx.owner.token,
        );
      await upsert(tickets('first'));
      const responses = await Promise.all(
        ['a', 'b', 'c', 'd'].map((round, i) => {
          const list = tickets(round);
          return upsert(i % 2 ? list.reverse() : list);
        }),
      );
      expect(codes(responses)).toEqual(['OK', 'OK', 'OK', 'OK']);
    });
  });

  describe('links to one ticket', () => {
    it('20 parallel links of one ticket to 20 initiatives all succeed', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const ticket = await fx.ticket('T-1');
      const initiatives = await times(20, (i) => fx.initiative(`I${i + 1}`));
      const responses = await times(20, (i) =>
        app.gql(
          `mutation($input: LinkTicketInput!) { linkTicket(input: $input) { weight } }`,
          { input: { ticketId: ticket, initiativeId: initiatives[i], weight: i + 1 } },
          fx.owner.token,
        ),
      );
      expect(codes(responses)).toEqual(Array(20).fill('OK'));
      const set = await app.db.transaction({ organizationId: fx.owner.organizationId }, (em) =>
        em.query(`SELECT initiative_set FROM tickets WHERE id = $1`, [ticket]),
      );
      const listed = (set[0].initiative_set as string).split(';').map((e) => e.split('=')[0]);
      expect(listed.sort()).toEqual([...initiatives].sort());
    });

    it('parallel links and unlinks of one ticket keep its set of initiatives exact', async () => {
      const fx = await DeliveryFixtures.signUp(app);
      const ticket = await fx.ticket('T-1');
      const initiatives = await times(10, (i) => fx.initiative(`I${i + 1}`));
      for (const id of initiatives.slice(0, 5)) {
        await app.ok(
          `mutation($input: LinkTicketInput!) { linkTicket(input: $input) { weight } }`,
          { input: { ticketId: ticket, initiativeId: id } },
          fx.owner.token,
        );
      }
      const responses = await Promise.all([
        ...initiatives
          .slice(0, 5)
          .map((id) =>
            app.gql(
              `mutation($t: ID!, $i: ID!) { unlinkTicket(ticketId: $t, initiativeId: $i) }`,
              { t: ticket, i: id },
              fx.owner.token,
            ),
          ),
        ...initiatives
          .slice(5)
          .map((id) =>
            app.gql(
              `mutation($input: LinkTicketInput!) { linkTicket(input: $input) { weight } }`,
              { input: { ticketId: ticket, initiativeId: id } },
              fx.owner.token,
            ),
          ),
      ]);
      expect(codes(responses)).toEqual(Array(10).fill('OK'));
      const set = await app.db.transaction({ organizationId: fx.owner.organizationId }, (em) =>
        em.query(`SELECT initiative_set FROM tickets WHERE id = $1`, [ticket]),
      );
      const listed = (set[0].initiative_set as string).split(';').map((e) => e.split('=')[0]);
      expect(listed.sort()).toEqual(initiatives.slice(5).sort());
    });
  });
});
