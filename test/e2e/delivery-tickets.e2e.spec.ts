import { queryCounter } from '@app/database';
import { expectError, TestApp } from '../support/test-app.js';
import { DeliveryFixtures } from './delivery-fixtures.js';

const TICKET_FIELDS = `id key externalKey externalId title type labels workType statusCategory rawStatus
  points source lastSyncedAt archivedAt
  sprints { key } currentSprint { key } team { key } parent { key } subtasks { key }`;

describe('tickets over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    // statements are counted per request: every request checks its session, whatever came before
    app = await TestApp.start({ env: { SESSION_CACHE_MS: '0' } });
  });
  afterAll(() => app.close());

  const createTicket = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const updateTicket = (fx: DeliveryFixtures, input: Record<string, unknown>, token?: string) =>
    app.gql(
      `mutation($input: UpdateTicketInput!) { updateTicket(input: $input) { ${TICKET_FIELDS} } }`,
      { input },
      token ?? fx.owner.token,
    );
  const archiveTicket = (fx: DeliveryFixtures, id: string, token?: string) =>
    app.gql(
      `mutation($id: ID!) { archiveTicket(id: $id) { archivedAt } }`,
      { id },
      token ?? fx.owner.token,
    );
  const fieldsOf = (error: { extensions: { fields?: { field: string }[] } }) =>
    [...new Set(error.extensions.fields!.map((f) => f.field))].sort();
  const keys = (page: { nodes: { key: string }[] }) => page.nodes.map((n) => n.key);

  /** An organization with team PAY (sprints P1..P3) and team WEB (sprint W1). */
  async function withSprints() {
    const fx = await DeliveryFixtures.signUp(app);
    const pay = await fx.team('PAY');
    const web = await fx.team('WEB');
    for (const [i, key] of ['P1', 'P2', 'P3'].entries()) {
      await fx.sprint(key, pay, {
        startDate: `2027-0${i + 1}-01`,
        endDate: `2027-0${i + 1}-14`,
      });
    }
    await fx.sprint('W1', web);
    return fx;
  }

  it('creates a ticket with its sprint history, reads it by key and id, updates and archives it', async () => {
    const fx = await withSprints();
    const created = await createTicket(fx, {
      externalKey: 'PAY-1',
      externalId: '10001',
      title: ' Refund flow ',
      type: 'Story',
      labels: ['checkout'],
      rawStatus: 'In Review',
      points: 0,
      sprintKeys: ['P1', 'P2'],
    });
    expect(created.errors).toBeUndefined();
    const ticket = created.data!.createTicket;
    expect(ticket).toMatchObject({
      key: 'PAY-1',
      externalKey: 'PAY-1',
      externalId: '10001',
      title: 'Refund flow',
      type: 'Story',
      labels: ['checkout'],
      workType: 'NEW_VALUE',
      statusCategory: 'IN_PROGRESS',
      rawStatus: 'In Review',
      points: 0,
      source: 'MANUAL',
      lastSyncedAt: null,
      archivedAt: null,
      sprints: [{ key: 'P1' }, { key: 'P2' }],
      currentSprint: { key: 'P2' },
      team: { key: 'PAY' },
      parent: null,
      subtasks: [],
    });
    const sub = await createTicket(fx, {
      externalKey: 'PAY-2',
      title: 'Sub',
      type: 'Sub-task',
      statusCategory: 'TODO',
      parentKey: 'PAY-1',
    });
    expect(sub.data!.createTicket.parent).toEqual({ key: 'PAY-1' });
    const byKey = await app.ok(
      `{ ticket(key: "PAY-1") { id subtasks { key } } }`,
      {},
      fx.owner.token,
    );
    expect(byKey.ticket).toEqual({ id: ticket.id, subtasks: [{ key: 'PAY-2' }] });
    const byId = await app.ok(
      `query($id: ID) { ticket(id: $id) { key } }`,
      { id: ticket.id },
      fx.owner.token,
    );
    expect(byId.ticket.key).toBe('PAY-1');

    // a new history replaces the old one: order and current sprint follow the list
    const moved = await updateTicket(fx, {
      id: ticket.id,
      sprintKeys: ['P2', 'P3', 'W1'],
      points: null,
      rawStatus: 'Done',
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateTicket).toMatchObject({
      sprints: [{ key: 'P2' }, { key: 'P3' }, { key: 'W1' }],
      currentSprint: { key: 'W1' },
      team: { key: 'WEB' },
      points: null,
      statusCategory: 'DONE',
      rawStatus: 'Done',
      title: 'Refund flow',
    });

    const archived = await archiveTicket(fx, ticket.id);
    expect(archived.data!.archiveTicket.archivedAt).not.toBeNull();
  });

  it("pages tickets by key, and a sprint's tickets, with cursors", async () => {
    const fx = await withSprints();
    await fx.ticket('PAY-3', { sprintKeys: ['P1'], statusCategory: 'DONE' });
    await fx.ticket('PAY-1', { sprintKeys: ['P1', 'P2'] });
    await fx.ticket('PAY-2', { sprintKeys: ['P2'] });
    await fx.ticket('WEB-1', { sprintKeys: ['W1'] });
    await fx.ticket('OPS-1');
    // the filters reach the service (their rules: test/integration/tickets.spec.ts)
    const filtered = await app.ok(
      `{ tickets(teamKey: "PAY", statusCategory: TODO, unlinked: true) { nodes { key } } }`,
      {},
      fx.owner.token,
    );
    expect(keys(filtered.tickets)).toEqual(['PAY-1', 'PAY-2']);

    const page1 = await app.ok(
      `{ tickets(first: 2) { nodes { key } pageInfo { hasNextPage endCursor } } }`,
      {},
      fx.owner.token,
    );
    expect(keys(page1.tickets)).toEqual(['OPS-1', 'PAY-1']);
    expect(page1.tickets.pageInfo.hasNextPage).toBe(true);
    const page2 = await app.ok(
      `query($after: String) { tickets(first: 3, after: $after) { nodes { key } pageInfo { hasNextPage } } }`,
      { after: page1.tickets.pageInfo.endCursor },
      fx.owner.token,
    );
    expect(page2.tickets).toEqual({
      nodes: [{ key: 'PAY-2' }, { key: 'PAY-3' }, { key: 'WEB-1' }],
      pageInfo: { hasNextPage: false },
    });

    // Sprint.tickets pages the tickets whose current sprint it is
    const nested = await app.ok(
      `{ sprints(teamKey: "PAY") { nodes { key tickets(first: 1) { nodes { key } pageInfo { hasNextPage endCursor } } } } }`,
      {},
      fx.owner.token,
    );
    const byKey = Object.fromEntries(
      nested.sprints.nodes.map((s: { key: string; tickets: unknown }) => [s.key, s.tickets]),
    );
    expect(byKey.P1).toMatchObject({ nodes: [{ key: 'PAY-3' }], pageInfo: { hasNextPage: false } });
    expect(byKey.P2).toMatchObject({ nodes: [{ key: 'PAY-1' }], pageInfo: { hasNextPage: true } });
    expect(byKey.P3).toMatchObject({ nodes: [], pageInfo: { hasNextPage: false } });
    const rest = await app.ok(
      `query($after: String) { sprint(key: "P2") { tickets(first: 1, after: $after) { nodes { key } pageInfo { hasNextPage } } } }`,
      { after: byKey.P2.pageInfo.endCursor },
      fx.owner.token,
    );
    expect(rest.sprint.tickets).toEqual({
      nodes: [{ key: 'PAY-2' }],
      pageInfo: { hasNextPage: false },
    });
  });

  it('refuses bad ticket input with a coded error and writes nothing', async () => {
    const fx = await DeliveryFixtures.signUp(app);
    const other = await DeliveryFixtures.signUp(app, 'Other');
    const foreignTeam = await other.team('OTH');
    await other.sprint('OS1', foreignTeam);
    const foreignTicket = await other.ticket('OTH-1');
    const t1 = await fx.ticket('PAY-1');
    const before = await fx.snapshot();
    const ok = { externalKey: 'PAY-2', title: 'Two', statusCategory: 'TODO' };

    expectError(
      await createTicket(fx, { externalKey: 'PAY-2', statusCategory: 'TODO' }),
      'BAD_USER_INPUT',
    );
    expectError(await createTicket(fx, { ...ok, points: 'three' }), 'BAD_USER_INPUT');
    expectError(await createTicket(fx, { ...ok, labels: [1] }), 'BAD_USER_INPUT');
    expectError(await createTicket(fx, { ...ok, statusCategory: 'OPEN' }), 'BAD_USER_INPUT');
    const bad = expectError(
      await createTicket(fx, {
        ...ok,
        externalKey: 'has space',
        title: '',
        points: -1,
        labels: [''],
        sprintKeys: ['P1', 'P1'],
      }),
      'BAD_USER_INPUT',
    );
    expect(fieldsOf(bad)).toEqual([
      'input.externalKey',
      'input.labels',
      'input.points',
      'input.sprintKeys',
      'input.title',
    ]);
    // the work type is derived: the client cannot set it, there is no such input field
    expectError(await createTicket(fx, { ...ok, workType: 'BUG' }), 'BAD_USER_INPUT');
    expectError(await createTicket(fx, { ...ok, sprintKeys: ['OS1'] }), 'NOT_FOUND');
    expectError(await createTicket(fx, { ...ok, parentKey: 'OTH-1' }), 'NOT_FOUND');

    expect(
      fieldsOf(expectError(await updateTicket(fx, { id: t1, points: -0.5 }), 'BAD_USER_INPUT')),
    ).toEqual(['input.points']);
    expect(
      fieldsOf(expectError(await updateTicket(fx, { id: t1, title: null }), 'BAD_USER_INPUT')),
    ).toEqual(['input.title']);
    expect(
      fieldsOf(expectError(await updateTicket(fx, { id: t1, sprintKeys: null }), 'BAD_USER_INPUT')),
    ).toEqual(['input.sprintKeys']);
    expectError(await updateTicket(fx, { id: t1, sprintKeys: ['OS1'] }), 'NOT_FOUND');
    expectError(await updateTicket(fx, { id: foreignTicket, title: 'Mine' }), 'NOT_FOUND');
    expectError(await updateTicket(fx, { id: 'nope', title: 'x' }), 'BAD_USER_INPUT');
    expectError(await archiveTicket(fx, foreignTicket), 'NOT_FOUND');
    expectError(
      await app.gql(
        `query($id: ID) { ticket(id: $id) { key } }`,
        { id: foreignTicket },
        fx.owner.token,
      ),
      'NOT_FOUND',
    );
    expectError(await app.gql(`{ ticket(key: "OTH-1") { key } }`, {}, fx.owner.token), 'NOT_FOUND');
    expect(await fx.snapshot()).toEqual(before);
    const theirs = await app.ok(
      `{ ticket(key: "OTH-1") { title archivedAt } }`,
      {},
      other.owner.token,
    );
    expect(theirs.ticket).toEqual({ title: 'Ticket OTH-1', archivedAt: null });
  });

  it('shows what each mutation of a document wrote', async () => {
    const fx = await withSprints();
    const id = await fx.ticket('PAY-1', { sprintKeys: ['P1'] });
    const res = await app.ok(
      `mutation($id: ID!) {
         a: updateTicket(input: { id: $id, sprintKeys: ["P1", "P2"] }) { sprints { key } currentSprint { key } }
         b: updateTicket(input: { id: $id, sprintKeys: ["W1"] }) { sprints { key } currentSprint { key } team { key } } }`,
      { id },
      fx.owner.token,
    );
    expect(res.a).toEqual({
      sprints: [{ key: 'P1' }, { key: 'P2' }],
      currentSprint: { key: 'P2' },
    });
    expect(res.b).toEqual({
      sprints: [{ key: 'W1' }],
      currentSprint: { key: 'W1' },
      team: { key: 'WEB' },
    });
  });

  it('resolves every ticket field with the same number of statements for 3 or 12 tickets', async () => {
    const fx = await withSprints();
    const epic = await fx.initiative('I1');
    const query = `{ tickets(first: 50) { nodes { key sprints { key } currentSprint { key tickets(first: 5) { nodes { key } } }
        team { key sprints(first: 5) { nodes { key } } } parent { key } subtasks { key }
        initiativeLinks { weight initiative { key tickets(first: 5) { nodes { key } } } } } } }`;
    const addTickets = async (from: number, to: number) => {
      for (let n = from; n < to; n++) {
        const id = await fx.ticket(`PAY-${String(n).padStart(2, '0')}`, {
          sprintKeys: n % 2 ? ['P1', 'P2'] : ['W1'],
          parentKey: n % 3 === 2 ? `PAY-${String(n - 1).padStart(2, '0')}` : undefined,
        });
        await app.ok(
          `mutation($input: LinkTicketInput!) { linkTicket(input: $input) { weight } }`,
          { input: { ticketId: id, initiativeId: epic } },
          fx.owner.token,
        );
      }
    };
    const count = async () => {
      const start = queryCounter.statements;
      const data = await app.ok(query, {}, fx.owner.token);
      return { statements: queryCounter.statements - start, tickets: data.tickets.nodes.length };
    };
    await addTickets(0, 3);
    const small = await count();
    await addTickets(3, 12);
    const large = await count();
    expect(small.tickets).toBe(3);
    expect(large.tickets).toBe(12);
    expect(small.statements).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });

  it('lets MEMBER write tickets, and refuses VIEWER', async () => {
    const fx = await withSprints();
    const t1 = await fx.ticket('PAY-1');
    const [viewer, member] = await Promise.all([
      fx.memberToken('VIEWER'),
      fx.memberToken('MEMBER'),
    ]);
    const before = await fx.snapshot();
    expectError(
      await createTicket(fx, { externalKey: 'PAY-2', title: 'x', statusCategory: 'TODO' }, viewer),
      'FORBIDDEN',
    );
    expectError(await updateTicket(fx, { id: t1, title: 'x' }, viewer), 'FORBIDDEN');
    expectError(await archiveTicket(fx, t1, viewer), 'FORBIDDEN');
    expect(await fx.snapshot()).toEqual(before);
    expect((await app.ok(`{ ticket(key: "PAY-1") { key } }`, {}, viewer)).ticket.key).toBe('PAY-1');

    const created = await createTicket(
      fx,
      { externalKey: 'PAY-2', title: 'x', statusCategory: 'TODO', sprintKeys: ['P1'] },
      member,
    );
    expect(created.errors).toBeUndefined();
    expect((await updateTicket(fx, { id: t1, points: 3 }, member)).data!.updateTicket.points).toBe(
      3,
    );
    expect((await archiveTicket(fx, t1, member)).errors).toBeUndefined();
  });
});
