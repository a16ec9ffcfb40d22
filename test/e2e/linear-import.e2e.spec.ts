import { readFileSync } from 'node:fs';
import { TestApp, type Session } from '../support/test-app.js';
import { organizationWithPlan, storedTickets, warningLines } from './ticket-import-support.js';

const EXPORT = readFileSync('test/fixtures/awkward-linear.csv', 'utf8');
const PLAN = `version: 1
teams: [{ key: ENG, name: Engineering, capacity: 30 }]
sprints:
  - { key: S1, team: ENG, name: "Sprint 1", start: 2027-01-18, end: 2027-01-31, state: ACTIVE }
goals: [{ key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PLAT-100, title: "Guided setup", supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: PLAT-200, title: "Another epic" }
`;
const IMPORT = `mutation($data: String!, $p: String) { importTickets(format: LINEAR_CSV, data: $data, keyPrefix: $p) { created updated unchanged warnings { path message } } }`;

describe('Linear CSV import', () => {
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
    expect(result).toMatchObject({ created: 6, updated: 0, unchanged: 0 });
    const warnings = warningLines(result);
    expect(warnings.sort()).toEqual(
      [
        'Archived: 1 archived issue left out',
        'line 10 (ENG-106): Estimate "lots" is not a number >= 0: row skipped',
        'line 11: no ID: row skipped',
        'line 9 (ENG-105): unknown sprint "Sprint 99": tickets imported without it',
      ].sort(),
    );

    const rows = await tickets(s);
    expect([...rows.keys()]).toEqual([
      'ENG-101',
      'ENG-102',
      'ENG-103',
      'ENG-105',
      'ENG-108',
      'ENG-109',
    ]);
    // BOM before the header; quoted line breaks in Description; the project links the epic;
    // the cycle name matches the stored sprint.
    expect(rows.get('ENG-101')).toMatchObject({
      title: 'Guided setup wizard',
      type: 'Issue',
      points: '5',
      labels: ['customer', 'Feature'],
      status_category: 'IN_PROGRESS',
      raw_status: 'In Progress',
      source: 'LINEAR_CSV',
      sprints: ['Sprint 1'],
      initiatives: ['I1:EPIC'],
      goals: ['G1'],
    });
    // An unmapped status with Completed set is DONE; unicode kept.
    expect(rows.get('ENG-102')).toMatchObject({
      title: 'Größere Übersicht für Ärzte ✨',
      status_category: 'DONE',
      raw_status: 'Shipped',
      points: '3',
      sprints: null,
    });
    // The sub-issue: its parent by ID, no epic link of its own; an empty estimate is unestimated.
    expect(rows.get('ENG-103')).toMatchObject({
      parent: 'ENG-101',
      type: 'Sub-issue',
      points: null,
      initiatives: null,
      status_category: 'TODO',
    });
    expect(rows.get('ENG-105')).toMatchObject({
      points: null,
      labels: ['tech-debt', 'refactor'],
      work_type: 'TECH_DEBT',
      sprints: null,
    });
    // A project name with spaces names no initiative; canceled.
    expect(rows.get('ENG-108')).toMatchObject({
      status_category: 'CANCELLED',
      initiatives: null,
    });
    // An unmapped status with Started set is in progress.
    expect(rows.get('ENG-109')).toMatchObject({
      status_category: 'IN_PROGRESS',
      raw_status: 'QA',
    });
  });

  it('changes nothing when the same file comes again, and keeps links added by hand', async () => {
    const s = await organization();
    await app.ok(IMPORT, { data: EXPORT }, s.token);
    const before = await tickets(s);
    const again = (await app.ok(IMPORT, { data: EXPORT }, s.token)).importTickets;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await tickets(s)).toEqual(before);

    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(
        `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
         SELECT t.organization_id, t.id, i.id, 2, 'MANUAL' FROM tickets t, initiatives i
          WHERE t.external_key = 'ENG-105' AND i.key = 'I2'`,
      ),
    );
    const moved = EXPORT.replace(
      '5d1c0a7e-1111-4b51-9f0c-0a1b2c3d4e5f,PLAT-100,ada@example.com,grace@example.com',
      '5d1c0a7e-1111-4b51-9f0c-0a1b2c3d4e5f,PLAT-200,ada@example.com,grace@example.com',
    );
    const result = (await app.ok(IMPORT, { data: moved }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    const after = await tickets(s);
    expect(after.get('ENG-101')?.initiatives).toEqual(['I2:EPIC']);
    expect(after.get('ENG-105')?.initiatives).toEqual(['I2:MANUAL']);
  });

  it('refuses a key prefix, a file that is not a Linear export, and fields past the bounds', async () => {
    const s = await organization();
    const prefixed = await app.gql(IMPORT, { data: EXPORT, p: 'WEB' }, s.token);
    expect(prefixed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const res = await app.gql(IMPORT, { data: 'Issue key,Summary\nA-1,x\n' }, s.token);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors?.[0].message).toMatch(/no "ID" column/);
    const bounds = [
      'ID,Title,Status,Estimate,Labels',
      `ENG-1,${'t'.repeat(501)},Todo,,`,
      'ENG-2,Too many points,Todo,1e308,',
      `${'K'.repeat(65)},Long key,Todo,,`,
      'ENG-4,Fine,Todo,2,',
    ].join('\n');
    const out = (await app.ok(IMPORT, { data: bounds }, s.token)).importTickets;
    expect(out).toMatchObject({ created: 1 });
    const paths = out.warnings.map((w: { path: string }) => w.path);
    expect(paths).toEqual([
      'line 2 (ENG-1)',
      'line 3 (ENG-2)',
      expect.stringMatching(/^line 4 \(K+\.\.\.\)$/),
    ]);
  });

  it('streams the upload through POST /imports/linear-csv', async () => {
    const s = await organization();
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${app.url}/imports/linear-csv`, { method: 'POST', headers, body });
    const ok = await post(EXPORT, {
      authorization: `Bearer ${s.token}`,
      'content-type': 'text/csv',
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ created: 6, updated: 0 });
    expect((await post(EXPORT, { 'content-type': 'text/csv' })).status).toBe(401);
  });
});
