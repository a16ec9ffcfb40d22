import {
  A_MARK,
  A_ONLY_KEYS,
  A_ONLY_SPRINT_NAME,
  changedTables,
  crossTenantPlan,
  csvForA,
  demoText,
  fingerprint,
  gqlAt,
  importFiles,
  inviteAt,
  judge,
  leaksIn,
  loadSchema,
  planForA,
  readOrganization,
  rng,
  signUpAt,
  ValueMaker,
  type CrossTenantPlan,
  type OrganizationData,
  type Owner,
  type TenantCase,
} from '../support/hostile/index.js';
import { TestApp } from '../support/test-app.js';

/**
 * The operations that take no id or key (no argument or input field named id, key, *Id, *Key,
 * *Ids, *Keys), so there is nothing of A's to hand them. They are still called as B, and their
 * answers must not show A's data. An operation missing from this list that takes no id or key,
 * or one listed here that takes one, fails the coverage test: a new operation cannot slip by.
 */
const WITHOUT_ID_OR_KEY: Record<string, string> = {
  me: "the caller's own membership",
  members: "the caller's organization's members",
  organization: "the token's organization",
  vision: "the organization's one vision",
  strategicGoals: 'filters by status only',
  cycles: 'filters by state only',
  teams: 'no filter',
  signUp: 'public: creates a new organization',
  logIn: "public: e-mail, password and a slug (A's slug is tried by hand below)",
  acceptInvite: 'public: an invite token, not an id',
  inviteMember: 'an e-mail and a role',
  renameOrganization: "the token's organization",
  updateOrganizationSettings: "the token's organization",
  updateVision: "the organization's one vision",
  importPlan: "keys travel inside the YAML: A's keys are tried by hand below",
  importTickets: "keys travel inside the CSV: A's keys are tried by hand below",
  apiTokens: "the caller's own tokens (all of the organization's for an ADMIN)",
  createApiToken: 'a name, a scope and an expiry',
  signOutEverywhere: "the caller's own sessions",
  ticketSources: "the caller's organization's sources",
  createTicketSource: 'a kind, a name, a site and settings',
};

/**
 * Arguments that must match another argument of the same call, which the sweep fills with B's
 * value: called as A, the pair never matches, so A's own view cannot show A's data. B's calls
 * with A's values are still checked for leaks and writes like every other.
 */
const PAIRED_WITH_B_VALUES: Record<string, string> = {
  'compareScenarios cycleKey': "the scenarioIds must be of this cycle (B's scenarios here)",
  'compareScenarios scenarioIds': "the scenarios must be of cycleKey (a cycle key of B's pool)",
};

interface Call {
  status: number;
  body: string;
}

/** A GraphQL call that waits out a RATE_LIMITED answer (Retry-After) instead of judging it. */
async function call(url: string, query: string, variables: unknown, token: string): Promise<Call> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.text();
    if (!body.includes('RATE_LIMITED') || attempt >= 5) return { status: res.status, body };
    const wait = Math.min(Number(res.headers.get('retry-after') ?? 1), 10);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

const describeCase = (c: TenantCase) =>
  `${c.op.kind} ${c.op.name} ${c.argument} = ${c.valueKind}${c.value ? ` ${c.value}` : ''}`;

/**
 * Two organizations with the same plan and tickets (A's titles and names carry A_MARK,
 * and A has one entity of each kind that B has not). B's owner calls every operation that takes
 * an id or key with A's ids and keys: no answer may show A's data, and no mutation may change
 * anything stored for A (a hash of every row of A's, taken before and after each operation).
 */
describe('cross-tenant: B never reads or writes A through any id or key', () => {
  const schema = loadSchema();
  let app: TestApp;
  let a: Owner;
  let b: Owner;
  let aData: OrganizationData;
  let plan: CrossTenantPlan;

  beforeAll(async () => {
    app = await TestApp.start();
    a = await signUpAt(app.url, `Tenant A ${A_MARK}`, `owner-${A_MARK.toLowerCase()}@example.com`);
    b = await signUpAt(app.url, 'Tenant B', 'owner-b@example.com');
    await importFiles(
      app.url,
      a.token,
      planForA(demoText('plan.yaml')),
      csvForA(demoText('jira.csv')),
    );
    await importFiles(app.url, b.token, demoText('plan.yaml'), demoText('jira.csv'));
    await inviteAt(app.url, a.token, `member-${A_MARK.toLowerCase()}@example.com`, 'EDITOR');
    await inviteAt(app.url, b.token, 'member-b@example.com', 'EDITOR');
    // an API token in each, so revokeApiToken has a real row of A's to aim at
    for (const [owner, name] of [
      [a, `${A_MARK} integration`],
      [b, 'B integration'],
    ] as const) {
      await gqlAt(
        app.url,
        `mutation($n: String!) { createApiToken(input: { name: $n, scope: READ }) { secret } }`,
        { n: name },
        owner.token,
      );
    }
    // a live ticket source in each, so its mutations have a real row of A's to aim at
    for (const [owner, name] of [
      [a, `${A_MARK} Jira`],
      [b, 'B Jira'],
    ] as const) {
      await gqlAt(
        app.url,
        `mutation($n: String!) { createTicketSource(input: { kind: JIRA_CLOUD, name: $n }) { webhookSecret } }`,
        { n: name },
        owner.token,
      );
    }
    // a scenario of the DRAFT cycle in each, so the scenario operations have a row of A's to aim at
    for (const [owner, name] of [
      [a, `${A_MARK} what-if`],
      [b, 'B what-if'],
    ] as const) {
      await gqlAt(
        app.url,
        `mutation($n: String!) { forkScenario(input: { cycleKey: "Q1-27", name: $n }) { id } }`,
        { n: name },
        owner.token,
      );
    }
    aData = await readOrganization(app.url, a.token, a.userId);
    // A check-in, a KPI reading and a locked cycle (its baseline) of A's, so those rows exist
    // to be leaked or changed: Q4-26 closes (its retro), A's own cycle is locked.
    await gqlAt(
      app.url,
      `mutation($k: ID!, $p: ID!) {
        checkIn(input: { keyResultId: $k, value: 3, confidence: ON_TRACK, note: "${A_MARK} note" }) { id }
        checkInKpi(input: { kpiId: $p, value: 2, note: "${A_MARK} reading" }) { id }
        closeCycle(cycleKey: "Q4-26") { scoredKeyResults }
        lockCycle(cycleKey: "${A_ONLY_KEYS.cycle}") { id } }`,
      { k: aData.pools.ids.keyResult![0], p: aData.pools.ids.kpi![0] },
      a.token,
    );
    aData = await readOrganization(app.url, a.token, a.userId);
    // the pools leave the owner out of `user` (for the hostile corpus); here A's owner is a target too
    aData.pools.ids.user = [a.userId, ...(aData.pools.ids.user ?? [])];
    const bData = await readOrganization(app.url, b.token, b.userId);
    plan = crossTenantPlan(
      schema,
      { data: aData, onlyKeys: A_ONLY_KEYS },
      new ValueMaker(bData.pools, rng(7), { fillUpdates: true }),
    );
  }, 120_000);

  afterAll(() => app.close());

  it('covers every operation: each id or key gets A values; the rest are exactly the allow-list', () => {
    expect(plan.uncovered).toEqual([]);
    expect([...plan.withoutIdOrKey].sort()).toEqual(Object.keys(WITHOUT_ID_OR_KEY).sort());
  });

  it("tenant A is set up so that a leak would show: A-only entities of every kind, A's mark", () => {
    for (const [kind, key] of Object.entries(A_ONLY_KEYS)) {
      expect({
        kind,
        present: (aData.pools.keys as Record<string, string[]>)[kind]?.includes(key),
      }).toEqual({
        kind,
        present: true,
      });
    }
    expect(aData.ids.size).toBeGreaterThan(300);
  });

  it("queries: B's owner, given A's ids and keys, never sees A's data", async () => {
    const cases = plan.cases.filter((c) => c.op.kind === 'query');
    expect(cases.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    const failures: string[] = [];
    // per operation and argument: does any of A's values, called as A, show A's data?
    const seen = new Map<string, boolean>();
    for (const c of cases) {
      const sent = c.value ? [c.value] : [];
      const res = await call(app.url, c.query, c.variables, b.token);
      for (const leak of leaksIn(res.body, aData.ids, sent))
        leaks.push(`${describeCase(c)}: ${leak}`);
      for (const f of judge(requestOf(c), { ...res, ms: 0 }))
        failures.push(`${describeCase(c)}: ${f.problem} ${f.excerpt}`);
      // The same call as A shows A's data for at least one value of each argument, or the
      // check above would prove nothing for that argument.
      if (c.value) {
        const own = await call(app.url, c.query, c.variables, a.token);
        const where = `${c.op.name} ${c.argument}`;
        seen.set(
          where,
          (seen.get(where) ?? false) || leaksIn(own.body, aData.ids, sent).length > 0,
        );
      }
    }
    const blind = [...seen]
      .filter(([where, shows]) => !shows && !PAIRED_WITH_B_VALUES[where])
      .map(([where]) => where);
    console.log(
      `cross-tenant queries: ${cases.length} calls as B, ${seen.size} arguments checked against A's own view`,
    );
    expect({ leaks, failures, blind }).toEqual({ leaks: [], failures: [], blind: [] });
  }, 240_000);

  it("mutations: B's owner, given A's ids and keys, neither sees nor changes A's data", async () => {
    const cases = plan.cases.filter((c) => c.op.kind === 'mutation');
    expect(cases.length).toBeGreaterThan(50);
    const leaks: string[] = [];
    const failures: string[] = [];
    const changed: string[] = [];
    let before = await fingerprint(app.databaseUrl, a.organizationId);
    const byOperation = new Map<string, TenantCase[]>();
    for (const c of cases) byOperation.set(c.op.name, [...(byOperation.get(c.op.name) ?? []), c]);
    for (const [name, group] of byOperation) {
      for (const c of group) {
        const res = await call(app.url, c.query, c.variables, b.token);
        const sent = c.value ? [c.value] : [];
        for (const leak of leaksIn(res.body, aData.ids, sent))
          leaks.push(`${describeCase(c)}: ${leak}`);
        for (const f of judge(requestOf(c), { ...res, ms: 0 }))
          failures.push(`${describeCase(c)}: ${f.problem} ${f.excerpt}`);
      }
      const after = await fingerprint(app.databaseUrl, a.organizationId);
      const diff = changedTables(before, after);
      if (diff.length) changed.push(`${name}: ${diff.join('; ')}`);
      before = after;
    }
    console.log(
      `cross-tenant mutations: ${cases.length} calls as B over ${byOperation.size} operations`,
    );
    expect({ leaks, failures, changed }).toEqual({ leaks: [], failures: [], changed: [] });
  }, 240_000);

  it("plan files, CSVs and log-ins naming A's keys or slug reach nothing of A's", async () => {
    const before = await fingerprint(app.databaseUrl, a.organizationId);
    const k = A_ONLY_KEYS;
    const yaml = [
      'version: 1',
      'objectives:',
      `  - { key: BX-O, cycle: ${k.cycle}, team: ${k.team}, title: B, alignsTo: [{ goal: ${k.goal} }, { keyResult: ${k.keyResult} }, { objective: ${k.objective} }] }`,
      'initiatives:',
      `  - { key: ${k.initiative}, title: B took this key, supports: [{ keyResult: ${k.keyResult} }] }`,
      'kpis:',
      `  - { key: ${k.kpi}, goal: ${k.goal}, title: B }`,
      'sprints:',
      `  - { key: BX-S, team: ${k.team}, name: B sprint, start: 2027-01-04, end: 2027-01-17 }`,
    ].join('\n');
    const csv = [
      'Summary,Issue key,Issue id,Issue Type,Status,Custom field (Epic Link),Parent,Sprint',
      `B row,${k.ticket},${k.sourceId},Story,To Do,${k.epic},,`,
      `B sub-task,BX-2,1,Sub-task,To Do,,${k.ticket},${A_ONLY_SPRINT_NAME}`,
    ].join('\n');
    const answers = [
      await call(
        app.url,
        'mutation($y: String!) { importPlan(yaml: $y) { applied created updated problems { path message } } }',
        { y: yaml },
        b.token,
      ),
      await call(
        app.url,
        'mutation($y: String!) { importPlan(yaml: $y, dryRun: true) { applied problems { path message } } }',
        { y: yaml },
        b.token,
      ),
      await call(
        app.url,
        'mutation($d: String!) { importTickets(format: JIRA_CSV, data: $d) { created updated warnings { path message } } }',
        { d: csv },
        b.token,
      ),
    ];
    const login = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: LogInInput!) { logIn(input: $i) { token organization { id name } } }',
        variables: {
          i: {
            email: 'owner-b@example.com',
            password: 'correct horse battery',
            organizationSlug: a.slug,
          },
        },
      }),
    });
    const loginBody = await login.text();
    expect(loginBody).not.toContain('"token"');
    for (const answer of [...answers, { status: login.status, body: loginBody }]) {
      expect(leaksIn(answer.body, aData.ids, [A_ONLY_SPRINT_NAME, a.slug])).toEqual([]);
      expect(answer.status).toBeLessThan(500);
    }
    expect(changedTables(before, await fingerprint(app.databaseUrl, a.organizationId))).toEqual([]);
  });
});

/** A case as a corpus request, so the hostile-corpus judge names it the same way. */
function requestOf(c: TenantCase) {
  return {
    surface: c.op.name,
    argument: c.argument,
    kind: c.valueKind,
    auth: 'owner' as const,
    method: 'POST',
    path: '/graphql',
  };
}
