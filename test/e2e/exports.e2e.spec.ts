import { parse } from 'csv-parse/sync';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { TestApp, type Session } from '../support/test-app.js';
import { alignmentOrganization } from './alignment-fixture.js';

/** The dashboard's formats (apps/dashboard/src/format.ts), to find its text in the PDF. */
const oneDecimal = new Intl.NumberFormat('en', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const formatPercent = (value: number) => `${oneDecimal.format(value)}%`;
const formatShare = (value: number) =>
  new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(value);

const REPORT = `
  totalEffort alignedEffort alignedShare ticketCount unestimatedTickets
  goals { goal { key title } effort share percent reach targetShare gap }
  unaligned { reason effort share percent ticketCount }
  horizons { horizon effort share targetShare }
  workTypes { workType effort share }`;

type Row = Record<string, string>;

/** The export's sections by title, each row keyed by the section's header. */
async function sections(res: Response): Promise<Map<string, Row[]>> {
  const bytes = Buffer.from(await res.arrayBuffer());
  // the byte order mark that makes spreadsheets read the file as UTF-8
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8');
  const records: string[][] = parse(csv, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  });
  const out = new Map<string, Row[]>();
  let i = 0;
  while (i < records.length) {
    if (records[i].length === 1 && records[i][0] === '') {
      i++;
      continue;
    }
    const title = records[i][0];
    const header = records[i + 1];
    const rows: Row[] = [];
    i += 2;
    while (i < records.length && !(records[i].length === 1 && records[i][0] === '')) {
      rows.push(Object.fromEntries(header.map((h, c) => [h, records[i][c]])));
      i++;
    }
    out.set(title, rows);
  }
  return out;
}

/** A number cell as the API's number (an empty cell is null). */
const num = (cell: string) => (cell === '' ? null : Number(cell));

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocument({ data: bytes, verbosity: 0 }).promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
  return { pages: pdf.numPages, text };
}

describe('exports for the board (CSV and PDF)', () => {
  let app: TestApp;
  let owner: Session;
  let viewer: string;

  const get = (path: string, token?: string) =>
    fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await alignmentOrganization(app);
    const invited = await app.ok(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }`,
      { input: { email: `viewer-${Date.now()}@example.com`, role: 'VIEWER' } },
      owner.token,
    );
    viewer = (
      await app.ok(
        `mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`,
        { input: { token: invited.inviteMember.inviteToken, password: 'correct horse battery' } },
      )
    ).acceptInvite.token;
  });
  afterAll(() => app.close());

  it.each([
    ['the default scope', '', {}],
    ['a cycle, counted', '?cycle=Q1&measure=COUNT', { cycleKey: 'Q1', measure: 'COUNT' }],
    [
      'a team and sprints',
      '?team=A&sprint=A-S1&sprint=A-S2',
      { teamKeys: ['A'], sprintKeys: ['A-S1', 'A-S2'] },
    ],
  ])(
    'overview.csv for %s holds the alignment answer for the same scope',
    async (_, query, scope) => {
      const res = await get(`/exports/overview.csv${query}`, viewer);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="overview-.*\.csv"$/,
      );
      const csv = await sections(res);
      const { alignment } = await app.ok(
        `query($s: AlignmentScopeInput) { alignment(scope: $s) { ${REPORT} } }`,
        { s: scope },
        owner.token,
      );

      const [summary] = csv.get('Summary')!;
      expect(num(summary.aligned_share)).toBe(alignment.alignedShare);
      expect(summary.aligned_share_display).toBe(formatShare(alignment.alignedShare));
      expect(num(summary.total_effort)).toBe(alignment.totalEffort);
      expect(num(summary.aligned_effort)).toBe(alignment.alignedEffort);
      expect(num(summary.ticket_count)).toBe(alignment.ticketCount);
      expect(num(summary.unestimated_tickets)).toBe(alignment.unestimatedTickets);

      expect(
        csv.get('Goals')!.map((r) => ({
          goal: { key: r.goal_key, title: r.goal_title },
          effort: num(r.effort),
          share: num(r.share),
          percent: num(r.percent),
          reach: num(r.reach),
          targetShare: num(r.target_share),
          gap: num(r.gap),
        })),
      ).toEqual(alignment.goals);
      expect(csv.get('Goals')!.map((r) => r.share_display)).toEqual(
        alignment.goals.map((g: { percent: number }) => formatPercent(g.percent)),
      );
      expect(
        csv.get('Unaligned work')!.map((r) => ({
          reason: r.reason,
          effort: num(r.effort),
          share: num(r.share),
          percent: num(r.percent),
          ticketCount: num(r.ticket_count),
        })),
      ).toEqual(alignment.unaligned);
      expect(
        csv.get('Horizon mix against target')!.map((r) => ({
          horizon: r.horizon,
          effort: num(r.effort),
          share: num(r.share),
          targetShare: num(r.target_share),
        })),
      ).toEqual(alignment.horizons);
      expect(
        csv.get('Work types')!.map((r) => ({
          workType: r.work_type,
          effort: num(r.effort),
          share: num(r.share),
        })),
      ).toEqual(alignment.workTypes);
      expect(csv.get('KPIs by goal')).toEqual([]);
    },
  );

  it('planning.csv holds the projected alignment, capacity and plan vs actual of the cycle', async () => {
    const res = await get('/exports/planning.csv?cycle=Q1', viewer);
    expect(res.status).toBe(200);
    const csv = await sections(res);
    const answer = await app.ok(
      `{ projectedAlignment(cycleKey: "Q1") { totalEffort alignedShare goals { goal { key } share percent targetShare gap } }
         capacity(cycleKey: "Q1") { team { key } capacity demand overCommitted }
         planVsActual(cycleKey: "Q1") { goals { goal { key } plannedShare actualShare drift } } }`,
      {},
      owner.token,
    );
    expect(csv.get('Cycle')![0]).toMatchObject({ cycle_key: 'Q1', state: 'ACTIVE' });
    expect(num(csv.get('Projected alignment')![0].planned_points)).toBe(
      answer.projectedAlignment.totalEffort,
    );
    expect(
      csv.get('Projected share by goal')!.map((r) => ({
        goal: { key: r.goal_key },
        share: num(r.share),
        percent: num(r.percent),
        targetShare: num(r.target_share),
        gap: num(r.gap),
      })),
    ).toEqual(answer.projectedAlignment.goals);
    expect(
      csv.get('Capacity vs demand')!.map((r) => ({
        team: { key: r.team_key },
        capacity: num(r.capacity),
        demand: num(r.demand),
        overCommitted: r.over_committed === 'true',
      })),
    ).toEqual(answer.capacity);
    expect(
      csv.get('Plan vs actual')!.map((r) => ({
        goal: { key: r.goal_key },
        plannedShare: num(r.planned_share),
        actualShare: num(r.actual_share),
        drift: num(r.drift),
      })),
    ).toEqual(answer.planVsActual.goals);
    expect(csv.get('Plan vs actual')!.length).toBeGreaterThan(0);
  });

  it('summary.pdf is one A4 page with the goals and the percentages the dashboard shows', async () => {
    const res = await get('/exports/summary.pdf?cycle=Q1', viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(1);
    const { alignment, planVsActual } = await app.ok(
      `{ alignment(scope: { cycleKey: "Q1" }) { alignedShare goals { goal { key title } percent targetShare } unaligned { reason percent } horizons { share targetShare } }
         planVsActual(cycleKey: "Q1") { goals { plannedShare actualShare } } }`,
      {},
      owner.token,
    );
    expect(text).toContain('Alignment summary: Acme');
    expect(text).toContain('cycle Q1');
    expect(text).toContain(formatShare(alignment.alignedShare));
    for (const g of alignment.goals) {
      expect(text).toContain(`${g.goal.key} ${g.goal.title}`);
      expect(text).toContain(`${formatPercent(g.percent)} target ${formatShare(g.targetShare)}`);
    }
    for (const h of alignment.horizons) {
      expect(text).toContain(
        `${formatShare(h.share)} target ${h.targetShare === null ? '—' : formatShare(h.targetShare)}`,
      );
    }
    // the largest unaligned bucket, and the plan vs actual of the loaded baseline
    const largest = [...alignment.unaligned].sort((a, b) => b.percent - a.percent)[0];
    expect(text).toContain(formatPercent(largest.percent));
    expect(text).toContain('Plan vs actual: Q1 (Q1)');
    for (const g of planVsActual.goals) {
      if (g.actualShare !== null) expect(text).toContain(formatShare(g.actualShare));
    }
  });

  it('answers 401 without a token, and nothing of another organization to its members', async () => {
    for (const path of [
      '/exports/overview.csv',
      '/exports/planning.csv?cycle=Q1',
      '/exports/summary.pdf',
    ]) {
      expect((await get(path)).status).toBe(401);
      expect((await get(path, 'not-a-token')).status).toBe(401);
    }
    const other = await app.signUp('Other');
    // the same keys name nothing in the other organization
    expect((await get('/exports/planning.csv?cycle=Q1', other.token)).status).toBe(404);
    expect((await get('/exports/summary.pdf?cycle=Q1', other.token)).status).toBe(404);
    expect((await get('/exports/overview.csv?team=A', other.token)).status).toBe(404);
    const own = await get('/exports/overview.csv', other.token);
    expect(own.status).toBe(200);
    const text = await own.text();
    expect(text).toContain('Other');
    expect(text).not.toMatch(/Enterprise|Self-serve|Acme/);
    const pdf = await pdfText(
      new Uint8Array(await (await get('/exports/summary.pdf', other.token)).arrayBuffer()),
    );
    expect(pdf.text).not.toMatch(/Enterprise|Self-serve|Acme/);
  });

  it.each([
    ['/exports/overview.csv?measure=HOURS', 'measure'],
    ['/exports/overview.csv?cycle=Q1&sprint=A-S1', 'cycle'],
    ['/exports/overview.csv?team=has%20space', 'team'],
    ['/exports/overview.csv?teams=A', 'teams'],
    ['/exports/summary.pdf?cycle=Q1&cycle=Q2', 'cycle'],
    ['/exports/planning.csv', 'cycle'],
    ['/exports/planning.csv?cycle=Q1&team=A', 'team'],
  ])('%s is a 400 naming %s', async (path, field) => {
    const res = await get(path, viewer);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; fields: unknown[] };
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.fields).toEqual([expect.objectContaining({ field })]);
  });
});
