import { readFileSync } from 'node:fs';
import { TestApp, type Session } from '../support/test-app.js';
import { organizationWithPlan, storedTickets, warningLines } from './ticket-import-support.js';

const ISSUES = readFileSync('test/fixtures/awkward-github.json', 'utf8');
const PLAN = `version: 1
goals: [{ key: G1, title: Enterprise, horizon: CORE, targetShare: 0.5 }]
cycles: [{ key: Q1, name: Q1, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]
objectives:
  - { key: O1, cycle: Q1, title: O1, alignsTo: [{ goal: G1 }], keyResults: [{ key: O1-KR1, title: k, kind: NUMERIC, start: 0, target: 10 }] }
initiatives:
  - { key: I1, externalKey: PLAT-100, title: "Guided setup", supports: [{ keyResult: O1-KR1 }] }
  - { key: I2, externalKey: PLAT-200, title: "Another epic" }
`;
const IMPORT = `mutation($data: String!, $r: String, $p: String) { importTickets(format: GITHUB_JSON, data: $data, repository: $r, keyPrefix: $p) { created updated unchanged warnings { path message } } }`;

describe('GitHub issues JSON import', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const organization = () => organizationWithPlan(app, PLAN);
  const tickets = (s: Session) => storedTickets(app, s);

  it('reads every awkward case of a real issues list, keyed as the live source keys issues', async () => {
    const s = await organization();
    const result = (await app.ok(IMPORT, { data: ISSUES }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    const warnings = warningLines(result);
    expect(warnings).toEqual([
      expect.stringMatching(/^\[5\] \(acme\/web#17\): labels \(points:\) must be .*issue skipped$/),
      '[6] (acme/web#18): issue.labels "points:lots" must be a number of story points: issue skipped',
      '[7]: is not an issue: skipped',
      '[8]: no repository_url, and no repository (owner/repo) given: issue skipped',
      'pull_request: 1 pull request left out',
    ]);

    const rows = await tickets(s);
    expect([...rows.keys()]).toEqual(['acme/web#12', 'acme/web#14', 'acme/web#15', 'acme/web#16']);
    // The milestone's title links the initiative; points from the label; labels kept as they are.
    expect(rows.get('acme/web#12')).toMatchObject({
      external_id: '2001000012',
      title: 'Guided setup wizard',
      type: 'Issue',
      points: '5',
      labels: ['points:5', 'customer'],
      status_category: 'TODO',
      raw_status: 'open',
      source: 'GITHUB_JSON',
      initiatives: ['I1:EPIC'],
      goals: ['G1'],
    });
    expect(rows.get('acme/web#14')).toMatchObject({
      title: 'Größere Übersicht für Ärzte ✨',
      status_category: 'DONE',
      raw_status: 'closed',
      points: '3',
      labels: ['points:3', 'bug'],
      initiatives: ['I1:EPIC'],
    });
    // closed not_planned is cancelled; a milestone titled in prose names no initiative.
    expect(rows.get('acme/web#15')).toMatchObject({
      status_category: 'CANCELLED',
      raw_status: 'not planned',
      initiatives: null,
    });
    // no milestone, no points label: unestimated and unlinked.
    expect(rows.get('acme/web#16')).toMatchObject({
      points: null,
      work_type: 'TECH_DEBT',
      initiatives: null,
    });
  });

  it('takes the repository of issues without repository_url, and no key prefix', async () => {
    const s = await organization();
    const result = (await app.ok(IMPORT, { data: ISSUES, r: 'acme/mobile' }, s.token))
      .importTickets;
    expect(result).toMatchObject({ created: 5 });
    const rows = await tickets(s);
    expect(rows.get('acme/mobile#20')).toMatchObject({ initiatives: ['I2:EPIC'] });
    const prefixed = await app.gql(IMPORT, { data: ISSUES, p: 'WEB' }, s.token);
    expect(prefixed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const badRepo = await app.gql(IMPORT, { data: ISSUES, r: 'not a repo' }, s.token);
    expect(badRepo.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const notList = await app.gql(IMPORT, { data: '{"issues": []}' }, s.token);
    expect(notList.errors?.[0].message).toMatch(/not a list of GitHub issues/);
  });

  it('changes nothing when the same file comes again, and keeps links added by hand', async () => {
    const s = await organization();
    await app.ok(IMPORT, { data: ISSUES }, s.token);
    const before = await tickets(s);
    const again = (await app.ok(IMPORT, { data: ISSUES }, s.token)).importTickets;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await tickets(s)).toEqual(before);

    await app.db.transaction({ organizationId: s.organizationId }, (em) =>
      em.query(
        `INSERT INTO ticket_links (organization_id, ticket_id, initiative_id, weight, source)
         SELECT t.organization_id, t.id, i.id, 2, 'MANUAL' FROM tickets t, initiatives i
          WHERE t.external_key = 'acme/web#16' AND i.key = 'I2'`,
      ),
    );
    const issues = JSON.parse(ISSUES);
    issues[0].milestone.title = 'PLAT-200';
    const result = (await app.ok(IMPORT, { data: JSON.stringify(issues) }, s.token)).importTickets;
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const after = await tickets(s);
    expect(after.get('acme/web#12')?.initiatives).toEqual(['I2:EPIC']);
    expect(after.get('acme/web#14')?.initiatives).toEqual(['I1:EPIC']);
    expect(after.get('acme/web#16')?.initiatives).toEqual(['I2:MANUAL']);
  });

  it('streams the upload through POST /imports/github-json', async () => {
    const s = await organization();
    const post = (body: string, headers: Record<string, string>, query = '') =>
      fetch(`${app.url}/imports/github-json${query}`, { method: 'POST', headers, body });
    const auth = { authorization: `Bearer ${s.token}` };
    const ok = await post(ISSUES, { ...auth, 'content-type': 'application/octet-stream' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ created: 4, updated: 0 });
    const withRepo = await post(
      ISSUES,
      { ...auth, 'content-type': 'application/octet-stream' },
      '?repository=acme/mobile',
    );
    expect(await withRepo.json()).toMatchObject({ created: 1, unchanged: 4 });
    const json = await post(ISSUES, { ...auth, 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    const badRepo = await post(
      ISSUES,
      { ...auth, 'content-type': 'application/octet-stream' },
      '?repository=..',
    );
    expect(badRepo.status).toBe(400);
    expect((await post(ISSUES, { 'content-type': 'application/octet-stream' })).status).toBe(401);
  });
});
