import { TicketLink } from '@app/database';
import { expectError, TestApp } from '../support/test-app.js';
import { DeliveryFixtures } from './delivery-fixtures.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';
const LINK_FIELDS = 'id weight initiative { key } keyResult { key } objective { key }';
const TICKET_LINK_FIELDS = 'weight source ticket { key } initiative { key }';

describe('initiative and ticket links over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const linkInitiative = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: LinkInitiativeInput!) { linkInitiative(input: $input) { ${LINK_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const unlinkInitiative = (fx: DeliveryFixtures, id: string, token?: string) =>
    app.gql(`mutation($id: ID!) { unlinkInitiative(id: $id) }`, { id }, token ?? fx.owner.token);
  const linkTicket = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: LinkTicketInput!) { linkTicket(input: $input) { ${TICKET_LINK_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const unlinkTicket = (
    fx: DeliveryFixtures,
    ticketId: string,
    initiativeId: string,
    token?: string,
  ) =>
    app.gql(
      `mutation($ticketId: ID!, $initiativeId: ID!) { unlinkTicket(ticketId: $ticketId, initiativeId: $initiativeId) }`,
      { ticketId, initiativeId },
      token ?? fx.owner.token,
    );
  const fieldsOf = (error: { extensions: { fields?: { field: string }[] } }) =>
    [...new Set(error.extensions.fields!.map((f) => f.field))].sort();

  /** A cycle with objective O1 (key results KR1, KR2) and objective O2, and initiatives I1, I2. */
  async function withTree() {
    const fx = await DeliveryFixtures.signUp(app);
    const cycle = await fx.cycle('Q1');
    const o1 = await fx.objective('O1', cycle);
    const o2 = await fx.objective('O2', cycle);
    const kr1 = await fx.keyResult('KR1', o1);
    const kr2 = await fx.keyResult('KR2', o1);
    const i1 = await fx.initiative('I1');
    const i2 = await fx.initiative('I2');
    return { fx, o1, o2, kr1, kr2, i1, i2 };
  }

  describe('initiative links', () => {
    it('links initiatives to key results and objectives, with weights, and back', async () => {
      const { fx, o2, kr1, kr2, i1, i2 } = await withTree();
      const a = await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1 });
      expect(a.errors).toBeUndefined();
      expect(a.data!.linkInitiative).toMatchObject({
        weight: 1,
        initiative: { key: 'I1' },
        keyResult: { key: 'KR1' },
        objective: null,
      });
      await linkInitiative(fx, { initiativeId: i1, keyResultId: kr2, weight: 3 });
      await linkInitiative(fx, { initiativeId: i2, keyResultId: kr1, weight: 0.5 });
      const direct = await linkInitiative(fx, { initiativeId: i2, objectiveId: o2, weight: 2 });
      expect(direct.data!.linkInitiative).toMatchObject({
        weight: 2,
        keyResult: null,
        objective: { key: 'O2' },
      });

      // linking the same pair again sets its weight: still one link, same id
      const again = await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, weight: 4 });
      expect(again.data!.linkInitiative).toMatchObject({
        id: a.data!.linkInitiative.id,
        weight: 4,
      });

      const view = await app.ok(
        `{ initiatives { nodes { key supports { weight keyResult { key } objective { key } } } }
           initiative(key: "I2") { supports { objective { key initiativeLinks { weight initiative { key } } } } } }`,
        {},
        fx.owner.token,
      );
      expect(view.initiatives.nodes).toEqual([
        {
          key: 'I1',
          supports: [
            { weight: 4, keyResult: { key: 'KR1' }, objective: null },
            { weight: 3, keyResult: { key: 'KR2' }, objective: null },
          ],
        },
        {
          key: 'I2',
          supports: [
            { weight: 0.5, keyResult: { key: 'KR1' }, objective: null },
            { weight: 2, keyResult: null, objective: { key: 'O2' } },
          ],
        },
      ]);
      const o2Links = view.initiative.supports.find(
        (s: { objective: unknown }) => s.objective,
      ).objective;
      expect(o2Links).toEqual({
        key: 'O2',
        initiativeLinks: [{ weight: 2, initiative: { key: 'I2' } }],
      });
      const kr = await app.ok(
        `{ initiative(key: "I1") { supports { keyResult { key initiativeLinks { weight initiative { key } } } } } }`,
        {},
        fx.owner.token,
      );
      expect(kr.initiative.supports[0].keyResult).toEqual({
        key: 'KR1',
        initiativeLinks: [
          { weight: 4, initiative: { key: 'I1' } },
          { weight: 0.5, initiative: { key: 'I2' } },
        ],
      });

      expect((await unlinkInitiative(fx, a.data!.linkInitiative.id)).data!.unlinkInitiative).toBe(
        true,
      );
      expectError(await unlinkInitiative(fx, a.data!.linkInitiative.id), 'NOT_FOUND');
      const after = await app.ok(
        `{ initiative(key: "I1") { supports { keyResult { key } } } }`,
        {},
        fx.owner.token,
      );
      expect(after.initiative.supports).toEqual([{ keyResult: { key: 'KR2' } }]);
    });

    it('refuses bad initiative links with a coded error and writes nothing', async () => {
      const { fx, o1, kr1, i1 } = await withTree();
      const other = await withTree();
      const link = (await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1 })).data!
        .linkInitiative;
      const foreignLink = (
        await linkInitiative(other.fx, { initiativeId: other.i1, keyResultId: other.kr1 })
      ).data!.linkInitiative;
      const before = await fx.snapshot();

      expectError(await linkInitiative(fx, { keyResultId: kr1 }), 'BAD_USER_INPUT');
      expectError(
        await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, weight: 'heavy' }),
        'BAD_USER_INPUT',
      );
      for (const weight of [0, -1]) {
        const bad = expectError(
          await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, weight }),
          'BAD_USER_INPUT',
        );
        expect(fieldsOf(bad)).toEqual(['input.weight']);
      }
      expect(
        fieldsOf(
          expectError(
            await linkInitiative(fx, { initiativeId: 'x', keyResultId: 'y' }),
            'BAD_USER_INPUT',
          ),
        ),
      ).toEqual(['input.initiativeId', 'input.keyResultId']);
      // exactly one target
      expectError(await linkInitiative(fx, { initiativeId: i1 }), 'BAD_USER_INPUT');
      expectError(
        await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, objectiveId: o1 }),
        'BAD_USER_INPUT',
      );
      // unknown ids and another organization's ids
      expect(
        expectError(
          await linkInitiative(fx, { initiativeId: NO_ID, keyResultId: kr1 }),
          'NOT_FOUND',
        ).message,
      ).toMatch(/initiative .* not found/);
      expect(
        expectError(await linkInitiative(fx, { initiativeId: i1, keyResultId: NO_ID }), 'NOT_FOUND')
          .message,
      ).toMatch(/key result .* not found/);
      expectError(await linkInitiative(fx, { initiativeId: i1, objectiveId: NO_ID }), 'NOT_FOUND');
      expectError(
        await linkInitiative(fx, { initiativeId: other.i1, keyResultId: kr1 }),
        'NOT_FOUND',
      );
      expectError(
        await linkInitiative(fx, { initiativeId: i1, keyResultId: other.kr1 }),
        'NOT_FOUND',
      );
      expectError(
        await linkInitiative(fx, { initiativeId: i1, objectiveId: other.o1 }),
        'NOT_FOUND',
      );
      expectError(await unlinkInitiative(fx, foreignLink.id), 'NOT_FOUND');
      expectError(await unlinkInitiative(fx, NO_ID), 'NOT_FOUND');
      expect(await fx.snapshot()).toEqual(before);
      expect(link.weight).toBe(1);
      const theirs = await app.ok(
        `{ initiative(key: "I1") { supports { id } } }`,
        {},
        other.fx.owner.token,
      );
      expect(theirs.initiative.supports).toEqual([{ id: foreignLink.id }]);
    });

    it('serializes concurrent link writes of the same pair into one link', async () => {
      const { fx, kr1, i1 } = await withTree();
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((weight) =>
          linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, weight }),
        ),
      );
      for (const res of results) expect(res.errors).toBeUndefined();
      expect(new Set(results.map((r) => r.data!.linkInitiative.id)).size).toBe(1);
      const rows = (await fx.snapshot()).initiative_links;
      expect(rows).toHaveLength(1);
    });

    it('lets EDITOR link initiatives, and refuses MEMBER and VIEWER', async () => {
      const { fx, kr1, i1 } = await withTree();
      const link = (await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1 })).data!
        .linkInitiative;
      const [viewer, member, editor] = await Promise.all([
        fx.memberToken('VIEWER'),
        fx.memberToken('MEMBER'),
        fx.memberToken('EDITOR'),
      ]);
      const before = await fx.snapshot();
      for (const token of [viewer, member]) {
        expectError(
          await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, weight: 2 }, token),
          'FORBIDDEN',
        );
        expectError(await unlinkInitiative(fx, link.id, token), 'FORBIDDEN');
      }
      expect(await fx.snapshot()).toEqual(before);
      const seen = await app.ok(`{ initiative(key: "I1") { supports { weight } } }`, {}, viewer);
      expect(seen.initiative.supports).toEqual([{ weight: 1 }]);
      expect(
        (await linkInitiative(fx, { initiativeId: i1, keyResultId: kr1, weight: 2 }, editor))
          .errors,
      ).toBeUndefined();
      expect((await unlinkInitiative(fx, link.id, editor)).data!.unlinkInitiative).toBe(true);
    });
  });

  describe('ticket links', () => {
    it('links tickets to initiatives with weights, and pages Initiative.tickets', async () => {
      const { fx, i1, i2 } = await withTree();
      const t1 = await fx.ticket('PAY-1');
      const t2 = await fx.ticket('PAY-2');
      const t3 = await fx.ticket('PAY-3');
      const first = await linkTicket(fx, { ticketId: t2, initiativeId: i1 });
      expect(first.errors).toBeUndefined();
      expect(first.data!.linkTicket).toEqual({
        weight: 1,
        source: 'MANUAL',
        ticket: { key: 'PAY-2' },
        initiative: { key: 'I1' },
      });
      await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight: 2 });
      await linkTicket(fx, { ticketId: t3, initiativeId: i1 });
      await linkTicket(fx, { ticketId: t1, initiativeId: i2, weight: 0.25 });
      // again: sets the weight
      const again = await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight: 3 });
      expect(again.data!.linkTicket.weight).toBe(3);

      const page = await app.ok(
        `{ initiatives { nodes { key tickets(first: 2) { nodes { key initiativeLinks { weight source initiative { key } } } pageInfo { hasNextPage endCursor } } } } }`,
        {},
        fx.owner.token,
      );
      const [n1, n2] = page.initiatives.nodes;
      expect(n1.key).toBe('I1');
      expect(n1.tickets.nodes).toEqual([
        {
          key: 'PAY-1',
          initiativeLinks: [
            { weight: 3, source: 'MANUAL', initiative: { key: 'I1' } },
            { weight: 0.25, source: 'MANUAL', initiative: { key: 'I2' } },
          ],
        },
        {
          key: 'PAY-2',
          initiativeLinks: [{ weight: 1, source: 'MANUAL', initiative: { key: 'I1' } }],
        },
      ]);
      expect(n1.tickets.pageInfo.hasNextPage).toBe(true);
      expect(n2.tickets.nodes.map((t: { key: string }) => t.key)).toEqual(['PAY-1']);
      expect(n2.tickets.pageInfo.hasNextPage).toBe(false);
      const rest = await app.ok(
        `query($after: String) { initiative(key: "I1") { tickets(first: 2, after: $after) { nodes { key } pageInfo { hasNextPage } } } }`,
        { after: n1.tickets.pageInfo.endCursor },
        fx.owner.token,
      );
      expect(rest.initiative.tickets).toEqual({
        nodes: [{ key: 'PAY-3' }],
        pageInfo: { hasNextPage: false },
      });

      expect((await unlinkTicket(fx, t1, i1)).data!.unlinkTicket).toBe(true);
      expectError(await unlinkTicket(fx, t1, i1), 'NOT_FOUND');
      const after = await app.ok(
        `{ ticket(key: "PAY-1") { initiativeLinks { initiative { key } } } }`,
        {},
        fx.owner.token,
      );
      expect(after.ticket.initiativeLinks).toEqual([{ initiative: { key: 'I2' } }]);
    });

    it('turns an imported EPIC link into a MANUAL one when linked by hand', async () => {
      const { fx, i1 } = await withTree();
      const t1 = await fx.ticket('PAY-1');
      await app.db.transaction(
        { organizationId: fx.owner.organizationId, userId: fx.owner.userId },
        (em) =>
          em.insert(TicketLink, {
            organizationId: fx.owner.organizationId,
            ticketId: t1,
            initiativeId: i1,
            weight: 1,
            source: 'EPIC',
          }),
      );
      const before = await app.ok(
        `{ ticket(key: "PAY-1") { initiativeLinks { source } } }`,
        {},
        fx.owner.token,
      );
      expect(before.ticket.initiativeLinks).toEqual([{ source: 'EPIC' }]);
      const linked = await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight: 2 });
      expect(linked.data!.linkTicket).toMatchObject({ weight: 2, source: 'MANUAL' });
    });

    it('refuses bad ticket links with a coded error and writes nothing', async () => {
      const { fx, i1 } = await withTree();
      const other = await withTree();
      const t1 = await fx.ticket('PAY-1');
      const foreignTicket = await other.fx.ticket('OTH-1');
      await linkTicket(fx, { ticketId: t1, initiativeId: i1 });
      await linkTicket(other.fx, { ticketId: foreignTicket, initiativeId: other.i1 });
      const before = await fx.snapshot();

      expectError(await linkTicket(fx, { ticketId: t1 }), 'BAD_USER_INPUT');
      expectError(
        await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight: '2' }),
        'BAD_USER_INPUT',
      );
      for (const weight of [0, -2]) {
        expect(
          fieldsOf(
            expectError(
              await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight }),
              'BAD_USER_INPUT',
            ),
          ),
        ).toEqual(['input.weight']);
      }
      expect(
        fieldsOf(
          expectError(
            await linkTicket(fx, { ticketId: 'PAY-1', initiativeId: i1 }),
            'BAD_USER_INPUT',
          ),
        ),
      ).toEqual(['input.ticketId']);
      expect(
        expectError(await linkTicket(fx, { ticketId: NO_ID, initiativeId: i1 }), 'NOT_FOUND')
          .message,
      ).toMatch(/ticket .* not found/);
      expect(
        expectError(await linkTicket(fx, { ticketId: t1, initiativeId: NO_ID }), 'NOT_FOUND')
          .message,
      ).toMatch(/initiative .* not found/);
      expectError(await linkTicket(fx, { ticketId: foreignTicket, initiativeId: i1 }), 'NOT_FOUND');
      expectError(await linkTicket(fx, { ticketId: t1, initiativeId: other.i1 }), 'NOT_FOUND');
      expectError(await unlinkTicket(fx, foreignTicket, other.i1), 'NOT_FOUND');
      expectError(await unlinkTicket(fx, t1, NO_ID), 'NOT_FOUND');
      expectError(await unlinkTicket(fx, 'x', i1), 'BAD_USER_INPUT');
      expect(await fx.snapshot()).toEqual(before);
      const theirs = await app.ok(
        `{ ticket(key: "OTH-1") { initiativeLinks { weight } } }`,
        {},
        other.fx.owner.token,
      );
      expect(theirs.ticket.initiativeLinks).toEqual([{ weight: 1 }]);
    });

    it('lets EDITOR link tickets, and refuses MEMBER and VIEWER', async () => {
      const { fx, i1 } = await withTree();
      const t1 = await fx.ticket('PAY-1');
      const [viewer, member, editor] = await Promise.all([
        fx.memberToken('VIEWER'),
        fx.memberToken('MEMBER'),
        fx.memberToken('EDITOR'),
      ]);
      await linkTicket(fx, { ticketId: t1, initiativeId: i1 });
      const before = await fx.snapshot();
      for (const token of [viewer, member]) {
        expectError(
          await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight: 5 }, token),
          'FORBIDDEN',
        );
        expectError(await unlinkTicket(fx, t1, i1, token), 'FORBIDDEN');
      }
      expect(await fx.snapshot()).toEqual(before);
      expect(
        (await linkTicket(fx, { ticketId: t1, initiativeId: i1, weight: 5 }, editor)).data!
          .linkTicket.weight,
      ).toBe(5);
      expect((await unlinkTicket(fx, t1, i1, editor)).data!.unlinkTicket).toBe(true);
    });
  });
});
