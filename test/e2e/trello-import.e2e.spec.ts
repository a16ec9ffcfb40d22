import { readFileSync } from 'node:fs';
import { TestApp, type Session } from '../support/test-app.js';
import { organizationWithPlan, storedTickets, warningLines } from './ticket-import-support.js';

const BOARD = readFileSync('test/fixtures/awkward-trello.json', 'utf8');
const PLAN = `version: 1
goals: [{ key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PLAT-100, title: "Guided setup", supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: PLAT-200, title: "Another epic" }
`;
const IMPORT = `mutation($data: String!, $p: String) { importTickets(format: TRELLO_JSON, data: $data, keyPrefix: $p) { created updated unchanged warnings { path message } } }`;

describe('Trello board JSON import', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const organization = () => organizationWithPlan(app, PLAN);
  const tickets = (s: Session) => storedTickets(app, s);

  it('reads every awkward case of a real board export', async () => {
    const s = await organization();
    const result = (await app.ok(IMPORT, { data: BOARD }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
    const warnings = warningLines(result);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'cards: 2 archived cards and 1 card in archived lists left out',
        expect.stringMatching(/^cards\[6\] \(aBcD1234-7\): no name: card skipped/),
        expect.stringMatching(/^cards\[7\] \(aBcD1234-8\): points must be .*card skipped/),
        expect.stringMatching(
          /^cards\[5\] \(aBcD1234-6\): status "Parking lot" is not in the status mapping: imported as TODO/,
        ),
      ]),
    );
    expect(warnings).toHaveLength(4);

    const rows = await tickets(s);
    expect([...rows.keys()]).toEqual([
      'aBcD1234-1',
      'aBcD1234-10',
      'aBcD1234-2',
      'aBcD1234-5',
      'aBcD1234-6',
    ]);
    // "(5)" title prefix: the points, cut from the title; the epic label links, the rest are labels.
    expect(rows.get('aBcD1234-1')).toMatchObject({
      title: 'Guided setup wizard',
      external_id: 'c01',
      points: '5',
      labels: ['customer'],
      status_category: 'IN_PROGRESS',
      raw_status: 'In Progress',
      source: 'TRELLO_JSON',
      initiatives: ['I1:EPIC'],
      goals: ['G1'],
    });
    // Points from the "Story Points" custom field; unicode kept.
    expect(rows.get('aBcD1234-2')).toMatchObject({
      title: 'Größere Übersicht für Ärzte ✨',
      points: '3',
      status_category: 'DONE',
      initiatives: ['I1:EPIC'],
    });
    // An empty custom field value is unestimated; an empty label is no label.
    expect(rows.get('aBcD1234-5')).toMatchObject({
      points: null,
      labels: ['tech-debt'],
      work_type: 'TECH_DEBT',
      status_category: 'TODO',
      initiatives: null,
    });
    expect(rows.get('aBcD1234-10')).toMatchObject({
      points: '2',
      title: 'Unestimated? No: two points, from the title',
    });
  });

  it('changes nothing when the same file comes again, and keeps links added by hand', async () => {
    const s = await organization();
    await app.ok(IMPORT, { data: BOARD, p: 'TRL' }, s.token);
    const before = await tickets(s);
    expect([...before.keys()]).toContain('TRL-1');
    const again = (await app.ok(IMPORT, { data: BOARD, p: 'TRL' }, s.token)).importTickets;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(await tickets(s)).toEqual(before);

    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(
        `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
         SELECT t.organization_id, t.id, i.id, 2, 'MANUAL' FROM tickets t, initiatives i
          WHERE t.external_key = 'TRL-5' AND i.key = 'I2'`,
      ),
    );
    const moved = BOARD.replaceAll('epic:PLAT-100', 'epic:PLAT-200');
    const result = (await app.ok(IMPORT, { data: moved, p: 'TRL' }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 0, updated: 2, unchanged: 3 });
    const after = await tickets(s);
    expect(after.get('TRL-1')?.initiatives).toEqual(['I2:EPIC']);
    expect(after.get('TRL-5')?.initiatives).toEqual(['I2:MANUAL']);
  });

  it('warns of an epic label that names no initiative', async () => {
    const s = await organization();
    const board = JSON.parse(BOARD);
    board.cards[0].labels[0].name = 'epic:NOPE-1';
    const result = (await app.ok(IMPORT, { data: JSON.stringify(board) }, s.token)).importTickets;
    expect(result.warnings).toContainEqual({
      path: 'cards[0] (aBcD1234-1)',
      message: 'epic NOPE-1 matches no initiative (externalKey): its tickets import unlinked',
    });
  });

  it('refuses a file that is not a Trello board export, writing nothing', async () => {
    const s = await organization();
    for (const data of ['{"cards": 1}', 'Issue key,Summary\nA-1,x\n', '[1, 2]', '']) {
      const res = await app.gql(IMPORT, { data }, s.token);
      expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(res.errors?.[0].message).toMatch(/data/);
    }
    const bad = await app.gql(IMPORT, { data: BOARD, p: 'has space' }, s.token);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await tickets(s)).size).toBe(0);
  });

  it('takes the upload through POST /imports/trello-json', async () => {
    const s = await organization();
    const post = (body: string, headers: Record<string, string>, query = '') =>
      fetch(`${app.url}/imports/trello-json${query}`, { method: 'POST', headers, body });
    const auth = { authorization: `Bearer ${s.token}` };
    const ok = await post(
      BOARD,
      { ...auth, 'content-type': 'application/octet-stream' },
      '?keyPrefix=TRL',
    );
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ created: 5, updated: 0 });
    expect((await tickets(s)).has('TRL-2')).toBe(true);
    expect((await post(BOARD, { 'content-type': 'application/octet-stream' })).status).toBe(401);
    expect((await post(BOARD, { ...auth, 'content-type': 'text/csv' })).status).toBe(400);
  });
});
