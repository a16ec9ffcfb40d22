import { FakeJira, sendWebhook } from '../support/fake-jira/index.js';
import { FakeLinear, sendLinearWebhook } from '../support/fake-linear/index.js';
import { expectError, TestApp, type Session } from '../support/test-app.js';
import { goalShares, waitFor } from './jira-live-support.js';

/**
 * Tickets are unique per source (docs/design.md 4.4 "Several sources"): a Jira Cloud source and a
 * Linear source both delivering PLAT-1 and PLAT-2 make four tickets, each with its own points and
 * sprint, in one report. Real HTTP fakes of both trackers, the real database.
 */
const PLAN = `version: 1
goals:
  - { key: G1, title: Enterprise, horizon: CORE }
  - { key: G2, title: Growth, horizon: ADJACENT }
teams:
  - { key: PLAT, name: Platform, capacity: 30 }
  - { key: PROD, name: Product, capacity: 30 }
cycles: [{ key: Q4, name: Q4, start: 2026-10-01, end: 2026-12-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q4, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: KR1, title: k1, kind: NUMERIC, start: 0, target: 10 }] }
  - { key: O2, cycle: Q4, title: O2, alignsTo: [{ goal: G2 }], keyResults: [{ key: KR2, title: k2, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PAY-100, title: Payments, team: PLAT, status: IN_PROGRESS, supports: [{ keyResult: KR1 }] }
  - { key: I2, externalKey: Onboarding, title: Onboarding, team: PROD, status: IN_PROGRESS, supports: [{ keyResult: KR2 }] }
`;

const day = 86_400_000;

interface TicketView {
  id: string;
  key: string;
  title: string;
  points: number | null;
  archivedAt: string | null;
  ticketSourceId: string | null;
  ticketSource: { name: string } | null;
  currentSprint: { name: string } | null;
  initiativeLinks: { initiative: { key: string }; source: string }[];
}
const TICKET_FIELDS = `id key title points archivedAt ticketSourceId ticketSource { name }
  currentSprint { name } initiativeLinks { initiative { key } source }`;

describe('tickets are unique per source', () => {
  let app: TestApp;
  let owner: Session;
  let jira: FakeJira;
  let linear: FakeLinear;
  let jiraSource: { id: string; url: string; secret: string };
  let linearSource: { id: string; url: string; secret: string };

  beforeAll(async () => {
    app = await TestApp.start();
    [jira, linear] = await Promise.all([FakeJira.start(), FakeLinear.start()]);
    owner = await app.signUp('Two trackers');
    await app.ok(
      `mutation($y: String!) { importPlan(yaml: $y) { problems { message } } }`,
      { y: PLAN },
      owner.token,
    );
    jiraSource = await create({
      kind: 'JIRA_CLOUD',
      name: 'Jira',
      baseUrl: jira.url,
      credentials: `${jira.email}:${jira.apiToken}`,
      settings: { boardTeams: { '3': 'PLAT' } },
    });
    linearSource = await create({
      kind: 'LINEAR',
      name: 'Linear',
      baseUrl: linear.url,
      credentials: linear.apiKey,
      settings: { teamTeams: { ENG: 'PROD' } },
    });
    jira.putBoard(3);
    jira.putSprint({
      id: 12,
      name: 'PLAT Sprint 1',
      state: 'active',
      originBoardId: 3,
      startDate: '2026-12-01T09:00:00.000Z',
      endDate: '2026-12-14T17:00:00.000Z',
    });
    jira.putIssue({ key: 'PAY-100', type: 'Epic', summary: 'Payments' });
    linear.putCycle({
      id: 'cycle-1',
      number: 1,
      name: null,
      startsAt: new Date(Date.now() - 3 * day).toISOString(),
      endsAt: new Date(Date.now() + 10 * day).toISOString(),
    });
  });

  afterAll(async () => {
    await Promise.all([jira.close(), linear.close()]);
    await app.close();
  });

  async function create(input: Record<string, unknown>) {
    const data = await app.ok<{
      createTicketSource: { source: { id: string; webhookPath: string }; webhookSecret: string };
    }>(
      `mutation($input: CreateTicketSourceInput!) { createTicketSource(input: $input) { source { id webhookPath } webhookSecret } }`,
      { input },
      owner.token,
    );
    const { source, webhookSecret } = data.createTicketSource;
    return { id: source.id, url: `${app.url}${source.webhookPath}`, secret: webhookSecret };
  }

  async function fromJira(event: 'jira:issue_created' | 'jira:issue_deleted', key: string) {
    const res = await sendWebhook(jiraSource.url, jira.webhookFor(event, key), jiraSource);
    expect(res.status).toBe(202);
  }

  async function fromLinear(action: 'create' | 'remove', identifier: string) {
    const body = linear.webhookFor(action, identifier);
    const res = await sendLinearWebhook(linearSource.url, body, linearSource);
    expect(res.status).toBe(202);
  }

  /** Every ticket of a key, archived ones too, Jira's first (by source name). */
  async function ticketsOf(key: string): Promise<TicketView[]> {
    const data = await app.ok<{ tickets: { nodes: TicketView[] } }>(
      `{ tickets(includeArchived: true, first: 200) { nodes { ${TICKET_FIELDS} } } }`,
      {},
      owner.token,
    );
    return data.tickets.nodes
      .filter((t) => t.key === key)
      .sort((a, b) => (a.ticketSource?.name ?? '').localeCompare(b.ticketSource?.name ?? ''));
  }

  const pending = async () => {
    const rows: { n: number }[] = await app.db.dataSource.query(
      `SELECT count(*)::int AS n FROM source_events WHERE state = 'PENDING'`,
    );
    return rows[0].n;
  };

  it('the same keys from Jira and Linear are two tickets each, all four in one report', async () => {
    jira.putIssue({ key: 'PLAT-1', parentKey: 'PAY-100', storyPoints: 5, sprintIds: [12] });
    jira.putIssue({ key: 'PLAT-2', parentKey: 'PAY-100', storyPoints: 3, sprintIds: [12] });
    linear.putIssue({
      identifier: 'PLAT-1',
      project: 'Onboarding',
      estimate: 8,
      cycleId: 'cycle-1',
    });
    linear.putIssue({
      identifier: 'PLAT-2',
      project: 'Onboarding',
      estimate: 2,
      cycleId: 'cycle-1',
    });
    await fromJira('jira:issue_created', 'PLAT-1');
    await fromLinear('create', 'PLAT-1');
    await fromJira('jira:issue_created', 'PLAT-2');
    await fromLinear('create', 'PLAT-2');

    /**
     * | source | ticket | points | sprint        | initiative        | goal |
     * | Jira   | PLAT-1 | 5      | PLAT Sprint 1 | I1 (epic PAY-100) | G1   |
     * | Jira   | PLAT-2 | 3      | PLAT Sprint 1 | I1 (epic PAY-100) | G1   |
     * | Linear | PLAT-1 | 8      | ENG Cycle 1   | I2 (Onboarding)   | G2   |
     * | Linear | PLAT-2 | 2      | ENG Cycle 1   | I2 (Onboarding)   | G2   |
     * total 18: G1 8/18, G2 10/18; 4 tickets.
     */
    const shares = await waitFor(
      () => goalShares(app, owner.token),
      (s) => s.ticketCount === 4,
    );
    expect(shares).toEqual({
      totalEffort: 18,
      ticketCount: 4,
      goals: { G1: { effort: 8, share: 8 / 18 }, G2: { effort: 10, share: 10 / 18 } },
    });
    const plat1 = await ticketsOf('PLAT-1');
    expect(plat1).toMatchObject([
      {
        points: 5,
        ticketSourceId: jiraSource.id,
        ticketSource: { name: 'Jira' },
        currentSprint: { name: 'PLAT Sprint 1' },
        initiativeLinks: [{ initiative: { key: 'I1' }, source: 'EPIC' }],
      },
      {
        points: 8,
        ticketSourceId: linearSource.id,
        ticketSource: { name: 'Linear' },
        currentSprint: { name: 'ENG Cycle 1' },
        initiativeLinks: [{ initiative: { key: 'I2' }, source: 'EPIC' }],
      },
    ]);
    expect(plat1[0].id).not.toBe(plat1[1].id);

    // each source's freshness on its own, in gaps and on the sources page
    const gaps = await app.ok<{
      gaps: { staleSources: { source: string; ticketSourceId: string | null; stale: boolean }[] };
    }>(`{ gaps { staleSources { source ticketSourceId stale } } }`, {}, owner.token);
    expect(gaps.gaps.staleSources).toEqual([
      { source: 'Jira', ticketSourceId: jiraSource.id, stale: false },
      { source: 'Linear', ticketSourceId: linearSource.id, stale: false },
    ]);
    const sources = await app.ok<{ ticketSources: { name: string; lastEventAt: string | null }[] }>(
      `{ ticketSources { name lastEventAt } }`,
      {},
      owner.token,
    );
    expect(sources.ticketSources.map((s) => [s.name, s.lastEventAt !== null])).toEqual([
      ['Jira', true],
      ['Linear', true],
    ]);
  });

  it('ticket(key) and explainTicket: a key two sources hold is BAD_USER_INPUT naming them; sourceId picks one', async () => {
    const ambiguous = expectError(
      await app.gql(`{ ticket(key: "PLAT-1") { id } }`, {}, owner.token),
      'BAD_USER_INPUT',
    );
    expect(ambiguous.message).toMatch(/^key: "PLAT-1" is held by 2 tickets of different sources/);
    expect(ambiguous.message).toContain(`JIRA_CLOUD "Jira" (sourceId ${jiraSource.id})`);
    expect(ambiguous.message).toContain(`LINEAR "Linear" (sourceId ${linearSource.id})`);
    expect(ambiguous.message).toContain('give sourceId to pick one');

    const picked = await app.ok<{ ticket: TicketView }>(
      `query($s: ID!) { ticket(key: "PLAT-1", sourceId: $s) { ${TICKET_FIELDS} } }`,
      { s: linearSource.id },
      owner.token,
    );
    expect(picked.ticket).toMatchObject({ points: 8, ticketSource: { name: 'Linear' } });

    const explainAmbiguous = expectError(
      await app.gql(`{ explainTicket(key: "PLAT-1") { counted } }`, {}, owner.token),
      'BAD_USER_INPUT',
    );
    expect(explainAmbiguous.message).toMatch(/^key: "PLAT-1" is held by 2 tickets/);
    const explained = await app.ok<{
      explainTicket: { ticket: { points: number }; paths: { goal: { key: string } | null }[] };
    }>(
      `query($s: ID!) { explainTicket(key: "PLAT-1", sourceId: $s) { ticket { points } paths { goal { key } } } }`,
      { s: jiraSource.id },
      owner.token,
    );
    const create = `mutation($s: ID) { createTicket(input: { externalKey: "HAND-1", title: "By hand", type: "Sub-task",
      statusCategory: TODO, parentKey: "PLAT-1", parentSourceId: $s }) { parent { points } } }`;
    const parentAmbiguous = expectError(await app.gql(create, {}, owner.token), 'BAD_USER_INPUT');
    expect(parentAmbiguous.message).toMatch(
      /^input\.parentKey: "PLAT-1" is held by 2 tickets .*give input\.parentSourceId to pick one$/,
    );
    const made = await app.ok<{ createTicket: { parent: { points: number } } }>(
      create,
      { s: jiraSource.id },
      owner.token,
    );
    expect(made.createTicket.parent).toEqual({ points: 5 });
    expect(explained.explainTicket).toEqual({
      ticket: { points: 5 },
      paths: [{ goal: { key: 'G1' } }],
    });
  });

  it("a delete in Jira archives Jira's ticket only; Linear's of the same key stays", async () => {
    jira.deleteIssue('PLAT-1');
    await fromJira('jira:issue_deleted', 'PLAT-1');
    const plat1 = await waitFor(
      () => ticketsOf('PLAT-1'),
      (t) => t[0].archivedAt !== null,
    );
    expect(plat1[1]).toMatchObject({
      archivedAt: null,
      points: 8,
      ticketSource: { name: 'Linear' },
    });
    // total 18 - 5: G1 3/13, G2 10/13
    expect(await goalShares(app, owner.token)).toEqual({
      totalEffort: 13,
      ticketCount: 3,
      goals: { G1: { effort: 3, share: 3 / 13 }, G2: { effort: 10, share: 10 / 13 } },
    });
  });

  it("Linear's full reconciliation archives its own unseen PLAT-2, never Jira's", async () => {
    linear.deleteIssue('PLAT-2');
    const run = await app.ok<{ syncTicketSource: { state: string } }>(
      `mutation($id: ID!) { syncTicketSource(id: $id) { state } }`,
      { id: linearSource.id },
      owner.token,
    );
    expect(run.syncTicketSource.state).toBe('SUCCEEDED');
    const plat2 = await ticketsOf('PLAT-2');
    expect(plat2.map((t) => [t.ticketSource?.name, t.points, t.archivedAt === null])).toEqual([
      ['Jira', 3, true],
      ['Linear', 2, false],
    ]);
    // left: Jira's PLAT-2 (3, G1) and Linear's PLAT-1 (8, G2): total 11
    expect(await goalShares(app, owner.token)).toEqual({
      totalEffort: 11,
      ticketCount: 2,
      goals: { G1: { effort: 3, share: 3 / 11 }, G2: { effort: 8, share: 8 / 11 } },
    });
  });

  it("a sub-task's parent key resolves in its own source", async () => {
    // PLAT-1: Jira's archived, Linear's live; PLAT-2: Jira's live, Linear's archived
    linear.putIssue({ identifier: 'PLAT-10', estimate: 1, parent: 'PLAT-1' });
    jira.putIssue({ key: 'PLAT-11', type: 'Sub-task', parentKey: 'PLAT-2', storyPoints: 1 });
    linear.putIssue({ identifier: 'PLAT-12', estimate: 1, parent: 'PLAT-2' });
    await fromLinear('create', 'PLAT-10');
    await fromJira('jira:issue_created', 'PLAT-11');
    await fromLinear('create', 'PLAT-12');
    await waitFor(pending, (n) => n === 0);
    const parentOf = async (key: string) => {
      const data = await app.ok<{
        tickets: {
          nodes: {
            key: string;
            parent: { key: string; points: number; ticketSource: { name: string } } | null;
          }[];
        };
      }>(
        `{ tickets(first: 200) { nodes { key parent { key points ticketSource { name } } } } }`,
        {},
        owner.token,
      );
      return data.tickets.nodes.find((t) => t.key === key)?.parent;
    };
    expect(await parentOf('PLAT-10')).toEqual({
      key: 'PLAT-1',
      points: 8,
      ticketSource: { name: 'Linear' },
    });
    expect(await parentOf('PLAT-11')).toEqual({
      key: 'PLAT-2',
      points: 3,
      ticketSource: { name: 'Jira' },
    });
    // Linear's own PLAT-2 is archived, still its parent: never Jira's live PLAT-2
    expect(await parentOf('PLAT-12')).toEqual({
      key: 'PLAT-2',
      points: 2,
      ticketSource: { name: 'Linear' },
    });
  });

  it('a source adopts the source-less ticket of a key (its hand-made link stays); another source gets its own', async () => {
    const made = await app.ok<{ upsertTickets: { created: number } }>(
      `mutation { upsertTickets(tickets: [{ externalKey: "PLAT-9", title: "From the export", type: "Story", rawStatus: "To Do", statusCategory: TODO, points: 1 }]) { created } }`,
      {},
      owner.token,
    );
    expect(made.upsertTickets.created).toBe(1);
    const [before] = await ticketsOf('PLAT-9');
    expect(before.ticketSource).toBeNull();
    const initiatives = await app.ok<{ initiatives: { nodes: { id: string; key: string }[] } }>(
      `{ initiatives { nodes { id key } } }`,
      {},
      owner.token,
    );
    const i1 = initiatives.initiatives.nodes.find((i) => i.key === 'I1')!;
    await app.ok(
      `mutation($t: ID!, $i: ID!) { linkTicket(input: { ticketId: $t, initiativeId: $i, weight: 2 }) { weight } }`,
      { t: before.id, i: i1.id },
      owner.token,
    );

    linear.putIssue({ identifier: 'PLAT-9', title: 'Live now', estimate: 4 });
    await fromLinear('create', 'PLAT-9');
    const adopted = await waitFor(
      () => ticketsOf('PLAT-9'),
      (t) => t[0]?.title === 'Live now',
    );
    expect(adopted).toMatchObject([
      {
        id: before.id,
        points: 4,
        ticketSource: { name: 'Linear' },
        initiativeLinks: [{ initiative: { key: 'I1' }, source: 'MANUAL' }],
      },
    ]);

    jira.putIssue({ key: 'PLAT-9', summary: 'Jira has one too', storyPoints: 6 });
    await fromJira('jira:issue_created', 'PLAT-9');
    const both = await waitFor(
      () => ticketsOf('PLAT-9'),
      (t) => t.length === 2,
    );
    expect(
      both.map((t) => [t.ticketSource?.name, t.title, t.points, t.initiativeLinks.length]),
    ).toEqual([
      ['Jira', 'Jira has one too', 6, 0],
      ['Linear', 'Live now', 4, 1],
    ]);
    expect(both[1].id).toBe(before.id);
    await waitFor(pending, (n) => n === 0);
  });

  it('a CSV naming a key two sources hold warns for that row only; a key one source holds is updated', async () => {
    const csv =
      'Issue key,Summary,Issue Type,Status,Custom field (Story Points)\n' +
      'PLAT-1,Which one?,Story,To Do,1\n' +
      'NEW-1,A new one,Story,To Do,2\n' +
      'PLAT-3,Only in Jira,Story,To Do,7\n';
    jira.putIssue({ key: 'PLAT-3', summary: 'Jira title', storyPoints: 1 });
    await fromJira('jira:issue_created', 'PLAT-3');
    await waitFor(
      () => ticketsOf('PLAT-3'),
      (t) => t.length === 1,
    );
    const result = await app.ok<{
      importTickets: {
        created: number;
        updated: number;
        unchanged: number;
        warnings: { path: string; message: string }[];
      };
    }>(
      `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { created updated unchanged warnings { path message } } }`,
      { data: csv },
      owner.token,
    );
    expect(result.importTickets).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const held = result.importTickets.warnings.filter((w) => /held by several/.test(w.message));
    expect(held).toEqual([
      {
        path: expect.stringMatching(/2/),
        message:
          'PLAT-1 is held by several sources (JIRA_CLOUD "Jira", LINEAR "Linear"): left out; import it through its source',
      },
    ]);
    const plat1 = await ticketsOf('PLAT-1');
    expect(plat1.map((t) => t.points)).toEqual([5, 8]);
    const [plat3] = await ticketsOf('PLAT-3');
    expect(plat3).toMatchObject({
      title: 'Only in Jira',
      points: 7,
      ticketSource: { name: 'Jira' },
    });
    expect(await ticketsOf('NEW-1')).toMatchObject([{ ticketSource: null, points: 2 }]);
  });

  it('the unique index refuses a second ticket of a key in one source, and a second source-less one', async () => {
    const insert = (sourceId: string | null) =>
      app.db.dataSource.query(
        `INSERT INTO tickets (organization_id, source_id, external_key, title, work_type, status_category)
         VALUES ($1, $2, 'DUP-1', 'dup', 'NEW_VALUE', 'TODO')`,
        [owner.organizationId, sourceId],
      );
    await insert(jiraSource.id);
    await insert(linearSource.id);
    await insert(null);
    await expect(insert(jiraSource.id)).rejects.toMatchObject({ code: '23505' });
    await expect(insert(null)).rejects.toMatchObject({ code: '23505' });
  });
  it('a delete for a key a source never held adopts nothing: a bare tombstone of its own; the source-less ticket stays live', async () => {
    await app.ok(
      `mutation { upsertTickets(tickets: [{ externalKey: "GONE-1", title: "From another tracker's file", type: "Story", rawStatus: "To Do", statusCategory: TODO, points: 2 }]) { created } }`,
      {},
      owner.token,
    );
    jira.putIssue({ key: 'GONE-1', summary: 'Never sent to us' });
    jira.deleteIssue('GONE-1');
    await fromJira('jira:issue_deleted', 'GONE-1');
    await waitFor(pending, (n) => n === 0);
    const tickets = await ticketsOf('GONE-1');
    expect(
      tickets.map((t) => [t.ticketSource?.name ?? null, t.archivedAt === null, t.points]),
    ).toEqual([
      [null, true, 2],
      ['Jira', false, null],
    ]);
  });

  it('a file import racing a live adoption makes no second ticket of a key, and no deadlock', async () => {
    for (let round = 0; round < 4; round++) {
      const keys = Array.from({ length: 40 }, (_, i) => `RACE${round}-${i + 1}`);
      const csv = (title: string) =>
        'Issue key,Summary,Issue Type,Status,Custom field (Story Points)\n' +
        keys.map((k) => `${k},${title},Story,To Do,1\n`).join('');
      const imported = await app.ok<{ importTickets: { created: number } }>(
        `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { created } }`,
        { data: csv('From the export') },
        owner.token,
      );
      expect(imported.importTickets.created).toBe(keys.length);
      for (const k of keys) linear.putIssue({ identifier: k, title: `Live ${k}`, estimate: 3 });
      // at once: a re-import of the same keys, and Linear's reconciliation adopting them
      const [again, run] = await Promise.all([
        app.ok<{ importTickets: { warnings: { message: string }[] } }>(
          `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { warnings { message } } }`,
          { data: csv('Imported again') },
          owner.token,
        ),
        app.ok<{ syncTicketSource: { state: string } }>(
          `mutation($id: ID!) { syncTicketSource(id: $id) { state } }`,
          { id: linearSource.id },
          owner.token,
        ),
      ]);
      expect(run.syncTicketSource.state).toBe('SUCCEEDED');
      expect(again.importTickets.warnings).toEqual([]);
      const rows: { key: string; n: number; linear: number }[] = await app.db.dataSource.query(
        `SELECT external_key AS key, count(*)::int AS n,
                count(*) FILTER (WHERE source_id = $2)::int AS linear
           FROM tickets WHERE organization_id = $1 AND external_key = ANY($3::text[])
          GROUP BY external_key`,
        [owner.organizationId, linearSource.id, keys],
      );
      expect(rows.filter((r) => r.n !== 1 || r.linear !== 1)).toEqual([]);
      expect(rows).toHaveLength(keys.length);
    }
  }, 120_000);
});
