import { readFileSync } from 'node:fs';
import { TestApp, type Session } from '../support/test-app.js';
import { organizationWithPlan, storedTickets, warningLines } from './ticket-import-support.js';

const EXPORT = readFileSync('test/fixtures/awkward-asana.csv', 'utf8');
const PLAN = `version: 1
goals: [{ key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PLAT-100, title: "Guided setup", supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: PLAT-200, title: "Another epic" }
`;
const IMPORT = `mutation($data: String!, $p: String) { importTickets(format: ASANA_CSV, data: $data, keyPrefix: $p) { created updated unchanged warnings { path message } } }`;
const K = (n: number) => `ASANA-12000000000000${String(n).padStart(2, '0')}`;

describe('Asana CSV import', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const organization = () => organizationWithPlan(app, PLAN);
  const tickets = (s: Session) => storedTickets(app, s);

  it('reads every awkward case of a real export', async () => {
    const s = await organization();
    const result = (await app.ok(IMPORT, { data: EXPORT }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 7, updated: 0, unchanged: 0 });
    const warnings = warningLines(result);
    expect(warnings).toEqual(
      expect.arrayContaining([
        `line 9 (${K(6)}): Parent task "A task nobody has" is no task of this file: imported without a parent`,
        'line 10: no Task ID: row skipped',
        expect.stringMatching(
          /^line 11 \(ASANA-1200000000000008\): the points .* must be .*row skipped/,
        ),
        expect.stringMatching(/^line 13 \(ASANA-1200000000000010\): points "lots" is not a number/),
        `line 8 (${K(5)}): status "Parking lot" is not in the status mapping: imported as TODO`,
      ]),
    );
    expect(warnings).toHaveLength(5);

    const rows = await tickets(s);
    expect([...rows.keys()]).toEqual([1, 2, 3, 4, 5, 6, 9].map(K));
    // BOM before the header; quoted line breaks in Notes; tags as labels; the epic tag links.
    expect(rows.get(K(1))).toMatchObject({
      title: 'Guided setup wizard',
      points: '5',
      labels: ['customer'],
      status_category: 'IN_PROGRESS',
      raw_status: 'In Progress',
      source: 'ASANA_CSV',
      initiatives: ['I1:EPIC'],
      goals: ['G1'],
    });
    // Completed At wins over the section.
    expect(rows.get(K(2))).toMatchObject({
      title: 'Größere Übersicht für Ärzte ✨',
      status_category: 'DONE',
      raw_status: 'Completed',
      points: '3',
    });
    // The parent named by its name, resolved among the file's tasks.
    expect(rows.get(K(3))).toMatchObject({ parent: K(1), type: 'Sub-task', initiatives: null });
    // An empty estimate is unestimated; tags with spaces.
    expect(rows.get(K(4))).toMatchObject({
      points: null,
      labels: ['tech-debt', 'refactor'],
      work_type: 'TECH_DEBT',
      status_category: 'TODO',
    });
    expect(rows.get(K(6))).toMatchObject({ parent: null, type: 'Task' });
    // A row shorter than the header: the missing columns are empty.
    expect(rows.get(K(9))).toMatchObject({ title: 'Short row', points: null });
  });

  it('changes nothing when the same file comes again, and keeps links added by hand', async () => {
    const s = await organization();
    await app.ok(IMPORT, { data: EXPORT }, s.token);
    const before = await tickets(s);
    const again = (await app.ok(IMPORT, { data: EXPORT }, s.token)).importTickets;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    expect(await tickets(s)).toEqual(before);

    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(
        `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
         SELECT t.organization_id, t.id, i.id, 2, 'MANUAL' FROM tickets t, initiatives i
          WHERE t.external_key = $1 AND i.key = 'I2'`,
        [K(4)],
      ),
    );
    const moved = EXPORT.replace('"epic:PLAT-100,customer"', '"epic:PLAT-200,customer"');
    const result = (await app.ok(IMPORT, { data: moved }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 6 });
    const after = await tickets(s);
    expect(after.get(K(1))?.initiatives).toEqual(['I2:EPIC']);
    expect(after.get(K(4))?.initiatives).toEqual(['I2:MANUAL']);
  });

  it('takes a key prefix, and refuses a file that is not an Asana export', async () => {
    const s = await organization();
    const prefixed = (await app.ok(IMPORT, { data: EXPORT, p: 'WEB' }, s.token)).importTickets;
    expect(prefixed).toMatchObject({ created: 7 });
    expect((await tickets(s)).has('WEB-1200000000000001')).toBe(true);
    const res = await app.gql(IMPORT, { data: 'Issue key,Summary\nA-1,x\n' }, s.token);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors?.[0].message).toMatch(/no "Task ID" column/);
  });

  it('streams the upload through POST /imports/asana-csv', async () => {
    const s = await organization();
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${app.url}/imports/asana-csv`, { method: 'POST', headers, body });
    const ok = await post(EXPORT, {
      authorization: `Bearer ${s.token}`,
      'content-type': 'text/csv',
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ created: 7, updated: 0 });
    expect((await post(EXPORT, { 'content-type': 'text/csv' })).status).toBe(401);
  });
});
