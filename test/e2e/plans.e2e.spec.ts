import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { readPlan, type Plan } from '@app/domain';
import { DEMO_LOGIN, DemoSeeder } from '@app/planning';
import { TestApp, type Session } from '../support/test-app.js';

const SMALL = readFileSync('test/fixtures/small-plan.yaml', 'utf8');
const DEMO = readFileSync('demo/plan.yaml', 'utf8');

const IMPORT = `mutation($yaml: String!, $dryRun: Boolean) {
  importPlan(yaml: $yaml, dryRun: $dryRun) { applied created updated unchanged problems { path message } } }`;

/** A plan file's data with defaults filled in and entries in key order: what "the same data" means. */
function normalized(yaml: string): Plan {
  const { plan, problems } = readPlan(parse(yaml));
  expect(problems).toEqual([]);
  const byKey = <T extends { key: string }>(items: T[]) =>
    [...items].sort((a, b) => a.key.localeCompare(b.key));
  const links = <T>(items: T[]) =>
    [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    ...plan,
    goals: byKey(plan.goals),
    kpis: byKey(plan.kpis),
    teams: byKey(plan.teams),
    cycles: byKey(plan.cycles),
    sprints: byKey(plan.sprints),
    objectives: byKey(plan.objectives).map((o) => ({
      ...o,
      alignsTo: links(o.alignsTo),
      keyResults: byKey(o.keyResults),
    })),
    initiatives: byKey(plan.initiatives).map((x) => ({ ...x, supports: links(x.supports) })),
  };
}

/**
 * What only the API shows of plan files: the mutation and query over HTTP, roles, exports and the
 * demo built on them. The import's rules, case by case, are test/integration/plan-import.spec.ts.
 */
describe('plan files over GraphQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  const importPlan = async (s: Session, yaml: string, dryRun = false) =>
    (await app.ok(IMPORT, { yaml, dryRun }, s.token)).importPlan;
  const exportPlan = async (s: Session, cycleKey?: string) =>
    (
      await app.ok(
        `query($c: String) { exportPlan(cycleKey: $c) }`,
        { c: cycleKey ?? null },
        s.token,
      )
    ).exportPlan as string;

  it('round-trips: export then import changes nothing; import then export gives the input data', async () => {
    const s = await app.signUp();
    await importPlan(s, DEMO);
    const exported = await exportPlan(s);
    expect(await importPlan(s, exported)).toMatchObject({ created: 0, updated: 0, problems: [] });
    expect(normalized(exported)).toEqual(normalized(DEMO));
  });

  it("gives the demo's draft quarter capacity by cadence, and draws its trend by period", async () => {
    const s = await app.signUp();
    await importPlan(s, DEMO);
    const { capacity, alignmentTrend } = await app.ok(
      `{ capacity(cycleKey: "Q1-27") { team { key } sprints sprintEquivalents capacity demand }
         alignmentTrend(last: 2) { period { start end } sprints { key } live } }`,
      {},
      s.token,
    );
    // Q1-27 (Jan 1 - Mar 31 2027, 90 days) has no sprints yet: GROW (30 per sprint) has
    // 90 / 14 expected sprints, 30 x 90/14 = 192.86, against 45 + 35 + 20 and one unestimated.
    expect(capacity.map((c: { team: { key: string } }) => c.team.key)).toEqual([
      'GROW',
      'MOB',
      'PAY',
      'PLAT',
    ]);
    const grow = capacity[0];
    expect(grow).toMatchObject({ team: { key: 'GROW' }, sprints: 0, demand: 100 });
    expect(grow.sprintEquivalents).toBeCloseTo(90 / 14, 9);
    expect(grow.capacity).toBeCloseTo((30 * 90) / 14, 9);
    // The four teams' sprints end together: each 14-day period holds one sprint of each.
    expect(
      alignmentTrend.map(
        (p: { period: { start: string; end: string }; sprints: { key: string }[] }) => [
          `${p.period.start}..${p.period.end}`,
          p.sprints.map((x) => x.key).join(' '),
        ],
      ),
    ).toEqual([
      ['2026-11-16..2026-11-29', 'GROW-S24 MOB-S24 PAY-S24 PLAT-S24'],
      ['2026-11-30..2026-12-13', 'GROW-S25 MOB-S25 PAY-S25 PLAT-S25'],
    ]);
    expect(alignmentTrend.map((p: { live: boolean }) => p.live)).toEqual([false, true]);
  });

  it('seeds a demo whose every view has something true to show, once', async () => {
    const started = Date.now();
    expect(await app.app.get(DemoSeeder).seedOnce()).toMatchObject({ seeded: true });
    console.log(`the demo seeded in ${Date.now() - started} ms`);
    expect(await app.app.get(DemoSeeder).seedOnce()).toMatchObject({ seeded: false });
    const { token } = (
      await app.ok(`mutation($input: LogInInput!) { logIn(input: $input) { token } }`, {
        input: DEMO_LOGIN,
      })
    ).logIn;
    const ask = (query: string, variables: Record<string, unknown> = {}) =>
      app.ok(query, variables, token);

    // the cycles as the plan file says, arrived at through closeCycle and lockCycle
    const { cycles } = await ask(`{ cycles(first: 10) { nodes { key state } } }`);
    expect(cycles.nodes).toEqual(
      expect.arrayContaining([
        { key: 'Q3-26', state: 'CLOSED' },
        { key: 'Q4-26', state: 'ACTIVE' },
        { key: 'Q1-27', state: 'DRAFT' },
      ]),
    );

    // the draft: carried-forward objectives, proposed initiatives of every team, one over capacity,
    // a dependency at risk, at most one initiative without an estimate
    const { planningSession: session } = await ask(`{ planningSession(cycleKey: "Q1-27") {
      cycle {
        objectives(first: 200) { nodes { key origin { key } } }
        initiatives(first: 200) { nodes { key status priority estimate team { key } } }
      }
      capacity { team { key } overCommitted demand capacity lines { aboveCut initiative { key } } }
      projected { totalEffort atRiskShare unestimatedInitiatives { key }
        atRiskDependencies { reason initiative { key } blockedBy { key } } } } }`);
    const objectives = session.cycle.objectives.nodes;
    expect(
      objectives.filter((o: { origin: unknown }) => o.origin).map((o: { key: string }) => o.key),
    ).toEqual(['C1@Q1-27', 'C4@Q1-27']);
    expect(objectives.filter((o: { origin: unknown }) => !o.origin).length).toBeGreaterThan(0);
    const proposed = session.cycle.initiatives.nodes.filter(
      (i: { status: string }) => i.status === 'PROPOSED',
    );
    expect(proposed.length).toBeGreaterThanOrEqual(10);
    expect(new Set(proposed.map((i: { team: { key: string } }) => i.team.key))).toEqual(
      new Set(['GROW', 'MOB', 'PAY', 'PLAT']),
    );
    expect(new Set(proposed.map((i: { priority: string }) => i.priority))).toEqual(
      new Set(['MUST', 'SHOULD', 'COULD', 'WONT']),
    );
    expect(session.projected.unestimatedInitiatives.length).toBeLessThanOrEqual(1);
    const over = session.capacity.filter((c: { overCommitted: boolean }) => c.overCommitted);
    expect(over.map((c: { team: { key: string } }) => c.team.key)).toEqual(['PAY']);
    expect(over[0].demand).toBeGreaterThan(over[0].capacity);
    expect(session.projected.atRiskDependencies).toEqual([
      {
        reason: 'BELOW_CUT_LINE',
        initiative: { key: 'I-EU-CHECKOUT' },
        blockedBy: { key: 'I-MULTICURRENCY' },
      },
    ]);
    expect(session.projected.atRiskShare).toBeGreaterThan(0);

    // the closed quarter: planned against actual from its (loaded) baseline, scores, two by hand
    const { planVsActual: q3 } = await ask(`{ planVsActual(cycleKey: "Q3-26") {
      baseline { loaded plannedEffort } goals { plannedShare actualShare goal { key } } } }`);
    expect(q3.baseline).toEqual({ loaded: true, plannedEffort: 169 });
    const rel = q3.goals.find((g: { goal: { key: string } }) => g.goal.key === 'G-REL');
    expect(rel.plannedShare).toBeGreaterThan(0);
    expect(rel.actualShare).toBeGreaterThan(0);
    const scored = await ask(`{ a: keyResult(key: "C0-PILOTS-KR1") { score scoreNote }
      b: keyResult(key: "C0-KR1") { score scoreNote progress } }`);
    expect(scored.a.score).toBe(0.9);
    expect(scored.a.scoreNote).toMatch(/fifth pilot/);
    expect(scored.b).toEqual({ score: scored.b.progress, scoreNote: '', progress: 0.8 });

    // the active quarter: locked (not loaded), with the carry forward's link moves as scope
    // changes since; weekly check-ins with confidence, only the two late ones overdue
    const { planVsActual: q4 } = await ask(`{ planVsActual(cycleKey: "Q4-26") {
      baseline { loaded } scopeChangeCount } }`);
    expect(q4.baseline.loaded).toBe(false);
    expect(q4.scopeChangeCount).toBeGreaterThan(0);
    const { gaps } = await ask(`{ gaps { overdueCheckIns { keyResult { key } kpi { key } } } }`);
    expect(gaps.overdueCheckIns).toEqual([
      { keyResult: { key: 'MOB-O1-KR1' }, kpi: null },
      { keyResult: { key: 'PLAT-O1-KR2' }, kpi: null },
    ]);
    const { keyResult } = await ask(`{ keyResult(key: "C1-KR1") { current confidence
      checkIns(first: 50) { nodes { value confidence note createdAt } } } }`);
    const history = keyResult.checkIns.nodes;
    expect(history.length).toBeGreaterThanOrEqual(6);
    const newest = history.reduce((a: { createdAt: string }, b: { createdAt: string }) =>
      a.createdAt > b.createdAt ? a : b,
    );
    expect(newest).toMatchObject({ value: keyResult.current, confidence: keyResult.confidence });
    expect(newest.note).toMatch(/Two expansions/);
    expect(Date.now() - Date.parse(newest.createdAt)).toBeLessThan(7 * 86_400_000);
    expect(new Set(history.map((c: { confidence: string }) => c.confidence)).size).toBeGreaterThan(
      1,
    );
    const { kpi } = await ask(
      `{ kpi(key: "K-P95") { current checkIns(first: 50) { nodes { value } } } }`,
    );
    expect(kpi.checkIns.nodes.length).toBeGreaterThanOrEqual(6);

    // two what-ifs of the draft; "EU first" clears the at-risk dependency the plan has
    const { scenarios } = await ask(`{ scenarios(cycleKey: "Q1-27") { id name } }`);
    expect(scenarios.map((s: { name: string }) => s.name).sort()).toEqual([
      'EU first',
      'Lean quarter',
    ]);
    const { compareScenarios } = await ask(
      `query($ids: [ID!]!) { compareScenarios(cycleKey: "Q1-27", scenarioIds: $ids) {
        columns { label projected { atRiskShare } } } }`,
      { ids: scenarios.map((s: { id: string }) => s.id) },
    );
    const column = (label: string) =>
      compareScenarios.columns.find((c: { label: string }) => c.label === label);
    expect(column('plan').projected.atRiskShare).toBeGreaterThan(0);
    expect(column('EU first').projected.atRiskShare).toBe(0);
    expect(column('Lean quarter').projected.atRiskShare).toBeGreaterThan(0);

    // the plan file is the organization as seeded: importing it again changes nothing
    expect(await importPlan({ token } as Session, DEMO, true)).toMatchObject({
      created: 0,
      updated: 0,
      problems: [],
    });
  });

  it('exports one cycle: its objectives, overlapping sprints and its initiatives', async () => {
    const s = await app.signUp();
    await importPlan(s, SMALL);
    const q1 = parse(await exportPlan(s, 'Q1-27'));
    expect(q1.cycles.map((c: { key: string }) => c.key)).toEqual(['Q1-27']);
    expect(q1.sprints.map((c: { key: string }) => c.key)).toEqual(['PLAT-S1']);
    expect(q1.objectives.map((c: { key: string }) => c.key)).toEqual(['C1', 'O1']);
    // I1 is planned for Q1-27; I2 has no cycle but supports a key result of O1; I9 is Q2-27's.
    expect(q1.initiatives.map((c: { key: string }) => c.key)).toEqual(['I1', 'I2']);
    expect(q1.cycles[0].start).toBe('2027-01-01');
    const missing = await app.gql(`{ exportPlan(cycleKey: "Q9-99") }`, {}, s.token);
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('is refused to a MEMBER (plans are strategy: EDITOR and above)', async () => {
    const s = await app.signUp();
    const invite = await app.ok(
      `mutation { inviteMember(input: { email: "member-plan@example.com", role: MEMBER }) { inviteToken } }`,
      {},
      s.token,
    );
    const member = await app.ok(
      `mutation($t: String!) { acceptInvite(input: { token: $t, password: "long enough pw" }) { token } }`,
      { t: invite.inviteMember.inviteToken },
    );
    const res = await app.gql(IMPORT, { yaml: SMALL }, member.acceptInvite.token);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await app.gql(`{ exportPlan }`, {}, member.acceptInvite.token)).errors).toBeUndefined();
  });
});
