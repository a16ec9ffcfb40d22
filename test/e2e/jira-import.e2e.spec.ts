import { readFileSync } from 'node:fs';
import { TestApp, type Session } from '../support/test-app.js';
import { organizationWithPlan, storedTickets, warningLines } from './ticket-import-support.js';

const AWKWARD = readFileSync('test/fixtures/awkward-jira.csv', 'utf8');
const PLAN = `version: 1
teams: [{ key: PLAT, name: Platform, capacity: 30 }]
sprints:
  - { key: S0, team: PLAT, name: "PLAT Sprint 0", start: 2027-01-04, end: 2027-01-17, state: CLOSED }
  - { key: S1, team: PLAT, name: "PLAT Sprint 1", start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
initiatives:
  - { key: I1, externalKey: PLAT-100, title: "Guided setup" }
  - { key: I2, externalKey: PLAT-200, title: "Another epic" }
`;
const IMPORT = `mutation($data: String!) { importTickets(format: JIRA_CSV, data: $data) { created updated unchanged warnings { path message } } }`;

describe('Jira CSV import', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const organization = () => organizationWithPlan(app, PLAN);
  const tickets = (s: Session) => storedTickets(app, s);

  it('reads every awkward case of a real export', async () => {
    const s = await organization();
    const result = (await app.ok(IMPORT, { data: AWKWARD }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 6, updated: 0, unchanged: 0 });
    const warnings = warningLines(result);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 3 \(PLAT-199\): epic PLAT-199 matches no initiative/),
        expect.stringMatching(/^line 11: no Issue key: row skipped/),
        expect.stringMatching(/^line 12 \(PLAT-8\): story points "lots" is not a number/),
        expect.stringMatching(
          /^line 10 \(PLAT-6\): status "Weird" is not in the status mapping: imported as TODO/,
        ),
        expect.stringMatching(/^line 10 \(PLAT-6\): unknown sprint "Mystery Sprint"/),
      ]),
    );
    expect(warnings).toHaveLength(5);

    const rows = await tickets(s);
    expect([...rows.keys()]).toEqual(['PLAT-1', 'PLAT-2', 'PLAT-3', 'PLAT-4', 'PLAT-5', 'PLAT-6']);
    expect(rows.get('PLAT-1')).toMatchObject({
      title: 'Add "smart" retries, then verify',
      work_type: 'NEW_VALUE',
      status_category: 'IN_PROGRESS',
      points: '5',
      labels: ['customer'],
      sprints: ['PLAT Sprint 1'],
      initiatives: ['I1:EPIC'],
    });
    // Multi-line summary; points from the second custom field; carried over from Sprint 0;
    // the epic named by Parent's numeric Issue id.
    expect(rows.get('PLAT-2')).toMatchObject({
      title: 'Multi-line\nsummary, with comma',
      work_type: 'BUG',
      points: '3',
      sprints: ['PLAT Sprint 0', 'PLAT Sprint 1'],
      initiatives: ['I1:EPIC'],
    });
    // The organization's mapping wins over Jira's category ("Won't Do" is filed under Done);
    // a tech-debt label wins over the issue type, case-insensitively; the epic from Parent key.
    expect(rows.get('PLAT-3')).toMatchObject({
      status_category: 'CANCELLED',
      work_type: 'TECH_DEBT',
      initiatives: ['I1:EPIC'],
      labels: ['Tech-Debt', 'refactor'],
    });
    // A sub-task points at its parent ticket (Parent = PLAT-1's Issue id), not at an epic.
    expect(rows.get('PLAT-4')).toMatchObject({
      parent: 'PLAT-1',
      initiatives: null,
      type: 'Sub-task',
    });
    // Unmapped status with Jira's category; unestimated; no epic.
    expect(rows.get('PLAT-5')).toMatchObject({
      status_category: 'IN_PROGRESS',
      points: null,
      initiatives: null,
      work_type: 'NEW_VALUE',
    });
    expect(rows.get('PLAT-6')).toMatchObject({ status_category: 'TODO', sprints: null });
  });

  it('changes nothing when the same file comes again, and keeps links added by hand', async () => {
    const s = await organization();
    await app.ok(IMPORT, { data: AWKWARD }, s.token);
    const before = await tickets(s);
    const again = (await app.ok(IMPORT, { data: AWKWARD }, s.token)).importTickets;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await tickets(s)).toEqual(before);

    // A manual link to I2, then the epic of PLAT-1 moves from PLAT-100 to PLAT-200.
    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(
        `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
         SELECT t.organization_id, t.id, i.id, 2, 'MANUAL' FROM tickets t, initiatives i
          WHERE t.external_key = 'PLAT-5' AND i.key = 'I2'`,
      ),
    );
    const moved = AWKWARD.replace('PLAT Sprint 1,,PLAT-100,,', 'PLAT Sprint 1,,PLAT-200,,');
    const result = (await app.ok(IMPORT, { data: moved }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    const after = await tickets(s);
    expect(after.get('PLAT-1')?.initiatives).toEqual(['I2:EPIC']);
    expect(after.get('PLAT-5')?.initiatives).toEqual(['I2:MANUAL']);
  });

  it('resolves a Parent id through tickets of an earlier import', async () => {
    const s = await organization();
    await app.ok(IMPORT, { data: AWKWARD }, s.token);
    const later =
      'Issue key,Issue id,Summary,Issue Type,Status,Parent\nPLAT-9,20009,Late sub-task,Subtask,To Do,20002\n';
    const result = (await app.ok(IMPORT, { data: later }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 1, warnings: [] });
    expect((await tickets(s)).get('PLAT-9')?.parent).toBe('PLAT-2');
  });

  it('refuses a file that is not a Jira export, writing nothing', async () => {
    const s = await organization();
    const res = await app.gql(IMPORT, { data: 'Key,Title\nA-1,x\n' }, s.token);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors?.[0].message).toMatch(/no "Issue key" column/);
    expect((await tickets(s)).size).toBe(0);
  });

  it('writes nothing at all when the database refuses part of an import', async () => {
    const s = await organization();
    // A test-only trigger makes the database fail late: on the epic link of the last ticket, after
    // the tickets and their sprint history were written by earlier statements.
    await app.db.dataSource.query(`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM tickets WHERE id = NEW.ticket_id AND external_key = 'POISON-1') THEN
          RAISE EXCEPTION 'poisoned row';
        END IF;
        RETURN NEW;
      END $$`);
    await app.db.dataSource.query(
      `CREATE TRIGGER refuse_poison AFTER INSERT ON ticket_links FOR EACH ROW EXECUTE FUNCTION refuse_poison()`,
    );
    try {
      const file = `${AWKWARD.trimEnd()}\nPoison,POISON-1,29999,Story,To Do,To Do,1,,,,PLAT Sprint 1,,PLAT-100,,\n`;
      const res = await app.gql(IMPORT, { data: file }, s.token);
      expect(res.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect((await tickets(s)).size).toBe(0);
    } finally {
      await app.db.dataSource.query(`DROP TRIGGER refuse_poison ON ticket_links`);
    }
  });

  it('upserts tickets from other sources with the same rules', async () => {
    const s = await organization();
    const UPSERT = `mutation($t: [TicketInput!]!) { upsertTickets(tickets: $t) { created updated unchanged warnings { path message } } }`;
    const input = [
      {
        externalKey: 'GH-1',
        title: 'From GitHub',
        type: 'Bug',
        rawStatus: 'open',
        sprintNames: ['PLAT Sprint 1'],
        epicKey: 'PLAT-100',
        points: 2,
      },
      {
        externalKey: 'GH-2',
        title: 'Child',
        rawStatus: 'merged',
        statusCategory: 'DONE',
        parentKey: 'GH-1',
      },
    ];
    expect((await app.ok(UPSERT, { t: input }, s.token)).upsertTickets).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      warnings: [],
    });
    expect((await app.ok(UPSERT, { t: input }, s.token)).upsertTickets).toMatchObject({
      unchanged: 2,
    });
    const rows = await tickets(s);
    expect(rows.get('GH-1')).toMatchObject({
      work_type: 'BUG',
      status_category: 'TODO',
      initiatives: ['I1:EPIC'],
      sprints: ['PLAT Sprint 1'],
    });
    expect(rows.get('GH-2')).toMatchObject({ status_category: 'DONE', parent: 'GH-1' });
    const bad = await app.gql(
      UPSERT,
      { t: [{ externalKey: 'GH-3', title: '', rawStatus: 'x', points: -1 }] },
      s.token,
    );
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions.fields?.map((f) => f.field).sort()).toEqual([
      'tickets.0.points',
      'tickets.0.title',
    ]);
    expect((await tickets(s)).has('GH-3')).toBe(false);
  });

  it('streams a large upload through POST /imports/jira-csv', async () => {
    const s = await organization();
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${app.url}/imports/jira-csv`, { method: 'POST', headers, body });
    const ok = await post(AWKWARD, {
      authorization: `Bearer ${s.token}`,
      'content-type': 'text/csv',
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ created: 6, updated: 0 });
    expect((await post(AWKWARD, { 'content-type': 'text/csv' })).status).toBe(401);
    const wrongType = await post(AWKWARD, {
      authorization: `Bearer ${s.token}`,
      'content-type': 'application/json',
    });
    expect(wrongType.status).toBe(400);
  });
});
