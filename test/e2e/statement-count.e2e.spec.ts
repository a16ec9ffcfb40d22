import { queryCounter } from '@app/database';
import { TestApp, type Session } from '../support/test-app.js';

/**
 * A query that walks goal -> objectives -> key results -> initiatives -> tickets
 * sends the same number of SQL statements whatever the size of the tree, because every field
 * resolver batches through a per-request DataLoader (one query per level, never one per node).
 */

interface TreeShape {
  goals: number;
  objectivesPerGoal: number;
  keyResultsPerObjective: number;
  initiativesPerKeyResult: number;
  /** tickets of initiative number i (0-based), linked through its epic key */
  ticketsOf: (i: number) => number;
}

/**
 * A plan file and the tickets of a tree of this shape. Trees of every size have every kind of
 * link (so that every relation field has rows to load in both): objectives aligned to goals and,
 * every other one, to the previous objective and cascaded from its first key result; initiatives supporting a
 * key result and, alternately, their objective directly or a key result of another objective;
 * tickets in sprints, and a sub-task under the first ticket of every initiative that has three.
 */
function tree(shape: TreeShape) {
  const lines = [
    'version: 1',
    'vision: { statement: "Ship what matters", horizon: "2028" }',
    'goals:',
  ];
  for (let g = 0; g < shape.goals; g++) lines.push(`  - { key: G${g}, title: "Goal ${g}" }`);
  lines.push(
    'kpis:',
    '  - { key: K0, goal: G0, title: "Uptime", unit: "%", current: 99.95, healthyMin: 99.9 }',
    'teams:',
    '  - { key: PLAT, name: Platform, capacity: 30 }',
    'cycles:',
    '  - { key: Q1-27, name: "Q1 2027", start: 2027-01-01, end: 2027-03-31, state: ACTIVE }',
    'sprints:',
    '  - { key: S1, team: PLAT, name: "Sprint 1", start: 2027-01-04, end: 2027-01-17, state: CLOSED }',
    '  - { key: S2, team: PLAT, name: "Sprint 2", start: 2027-01-18, end: 2027-01-31, state: ACTIVE }',
    'objectives:',
  );
  const keyResults: { key: string; objective: string }[] = [];
  let objectives = 0;
  for (let g = 0; g < shape.goals; g++) {
    for (let o = 0; o < shape.objectivesPerGoal; o++, objectives++) {
      const key = `O${objectives}`;
      const cascade =
        objectives % 2
          ? `, { keyResult: O${objectives - 1}-KR0, weight: 2 }, { objective: O${objectives - 1} }`
          : '';
      lines.push(
        `  - key: ${key}`,
        '    cycle: Q1-27',
        objectives % 2 ? '    team: PLAT' : '    # company-level',
        `    title: "Objective ${objectives}"`,
        `    alignsTo: [{ goal: G${g} }${cascade}]`,
        '    keyResults:',
      );
      for (let k = 0; k < shape.keyResultsPerObjective; k++) {
        keyResults.push({ key: `${key}-KR${k}`, objective: key });
        lines.push(
          `      - { key: ${key}-KR${k}, title: "KR ${k}", kind: PERCENT, start: 0, target: 100, current: ${(k * 37) % 100} }`,
        );
      }
    }
  }
  lines.push('initiatives:');
  const tickets: Record<string, unknown>[] = [];
  const ticket = (fields: Record<string, unknown>) => {
    const n = tickets.length + 1;
    tickets.push({
      externalKey: `T-${n}`,
      title: `Ticket ${n}`,
      type: 'Story',
      rawStatus: n % 3 ? 'In Progress' : 'Done',
      points: n % 5,
      labels: n % 4 ? [] : ['tech-debt'],
      sprintNames: n % 2 ? ['Sprint 1', 'Sprint 2'] : ['Sprint 2'],
      ...fields,
    });
    return `T-${n}`;
  };
  let initiatives = 0;
  keyResults.forEach((kr, k) => {
    for (let n = 0; n < shape.initiativesPerKeyResult; n++, initiatives++) {
      const other = keyResults[(k + shape.keyResultsPerObjective) % keyResults.length];
      const second =
        initiatives % 2
          ? `{ keyResult: ${other.key}, weight: 2 }`
          : `{ objective: ${kr.objective} }`;
      lines.push(
        `  - { key: I${initiatives}, externalKey: EPIC-${initiatives}, title: "Initiative ${initiatives}", team: PLAT, cycle: Q1-27, supports: [{ keyResult: ${kr.key}, weight: 3 }, ${second}] }`,
      );
      const count = shape.ticketsOf(initiatives);
      for (let t = 0; t < count; t++) {
        const key = ticket({ epicKey: `EPIC-${initiatives}` });
        if (t === 0 && count >= 3) ticket({ type: 'Sub-task', parentKey: key });
      }
    }
  });
  const nodes = shape.goals + objectives + keyResults.length + initiatives + tickets.length;
  return { yaml: `${lines.join('\n')}\n`, tickets, keyResults, nodes };
}

const PAGE = 2;

const WALK = `{ strategicGoals(first: 50) { nodes { key
  objectiveLinks { weight objective { key
    keyResults { key
      initiativeLinks { weight initiative { key
        tickets(first: ${PAGE}) { nodes { key } pageInfo { hasNextPage endCursor } } } } } } } } } }`;

/** Every relation field on the way down, and from each ticket back up to its goals. */
const EVERY_RELATION = `{ strategicGoals(first: 50) { nodes { key progress status vision { statement }
  kpis { key current healthy goal { key } checkIns(first: 3) { nodes { value } } }
  objectiveLinks { weight goal { key } keyResult { key } parentObjective { key } objective {
    key progress status cycle { key state } team { key }
    alignsTo { weight goal { key } keyResult { key } parentObjective { key } objective { key } }
    childLinks { objective { key } }
    initiativeLinks { weight initiative { key } objective { key } keyResult { key } }
    keyResults { key progress confidence direction objective { key }
      cascadedLinks { weight objective { key } }
      checkIns(first: 3) { nodes { value confidence author { id } } pageInfo { hasNextPage } }
      initiativeLinks { weight keyResult { key } objective { key } initiative {
        key status cycle { key } team { key }
        supports { weight keyResult { key } objective { key } initiative { key } }
        tickets(first: ${PAGE}) { pageInfo { hasNextPage } nodes {
          key statusCategory workType points
          team { key } currentSprint { key team { key } } sprints { key } parent { key } subtasks { key parent { key } }
          initiativeLinks { weight source ticket { key } initiative { key
            supports { weight keyResult { key
              objective { key alignsTo { weight goal { key vision { statement } } } } } } } } } } } } } } } } } }`;

const RELATIONS = [
  'vision',
  'kpis',
  'checkIns',
  'author',
  'objectiveLinks',
  'goal',
  'keyResult',
  'parentObjective',
  'objective',
  'cycle',
  'team',
  'alignsTo',
  'childLinks',
  'initiativeLinks',
  'keyResults',
  'cascadedLinks',
  'initiative',
  'supports',
  'tickets',
  'currentSprint',
  'sprints',
  'parent',
  'subtasks',
  'ticket',
];

/** Whether some object in the response has this field set (not null, not an empty list). */
function filled(value: unknown, field: string): boolean {
  if (Array.isArray(value)) return value.some((item) => filled(item, field));
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  const own = record[field];
  if (own !== undefined && own !== null && !(Array.isArray(own) && own.length === 0)) {
    if (!(typeof own === 'object' && 'nodes' in own && (own.nodes as unknown[]).length === 0))
      return true;
  }
  return Object.values(record).some((child) => filled(child, field));
}

describe('SQL statements per query do not grow with the tree', () => {
  let app: TestApp;
  beforeAll(async () => {
    // EVERY_RELATION walks every relation 18 levels deep in one request to prove the batching:
    // far beyond the cost a client may ask for by default (it is priced at 11 million), and its
    // some 40 transactions take turns, which on a busy machine can outlast the default deadline;
    // statements are counted per request: every request checks its session, whatever came before
    app = await TestApp.start({
      env: { MAX_QUERY_COST: '100000000', REQUEST_TIMEOUT_MS: '300000', SESSION_CACHE_MS: '0' },
    });
  });
  afterAll(() => app.close());

  const build = async (shape: TreeShape) => {
    const t = tree(shape);
    const s = await app.signUp();
    const plan = await app.ok(
      `mutation($yaml: String!) { importPlan(yaml: $yaml) { applied problems { path message } } }`,
      { yaml: t.yaml },
      s.token,
    );
    expect(plan.importPlan).toEqual({ applied: true, problems: [] });
    if (t.tickets.length) {
      const res = await app.ok(
        `mutation($tickets: [TicketInput!]!) { upsertTickets(tickets: $tickets) { created warnings { path message } } }`,
        { tickets: t.tickets },
        s.token,
      );
      expect(res.upsertTickets).toEqual({ created: t.tickets.length, warnings: [] });
    }
    // A few check-ins, so that confidence, author and check-in pages have something to show.
    const krs = await app.ok(
      `query($k: String) { keyResult(key: $k) { id } }`,
      { k: t.keyResults[0].key },
      s.token,
    );
    for (const confidence of ['ON_TRACK', 'AT_RISK']) {
      await app.ok(
        `mutation($input: CheckInInput!) { checkIn(input: $input) { key } }`,
        { input: { keyResultId: krs.keyResult.id, value: 42, confidence } },
        s.token,
      );
    }
    return { session: s, nodes: t.nodes };
  };

  /** Statements the server sends while answering this one HTTP request. */
  const count = async (s: Session, query: string) => {
    queryCounter.statements = 0;
    const data = await app.ok(query, {}, s.token);
    return { statements: queryCounter.statements, data };
  };

  let small: { session: Session; nodes: number };
  let large: { session: Session; nodes: number };
  beforeAll(async () => {
    small = await build({
      goals: 1,
      objectivesPerGoal: 2,
      keyResultsPerObjective: 1,
      initiativesPerKeyResult: 1,
      ticketsOf: (i) => (i === 0 ? 1 : 3),
    });
    large = await build({
      goals: 4,
      objectivesPerGoal: 10,
      keyResultsPerObjective: 3,
      initiativesPerKeyResult: 2,
      // 0..4 tickets: pages of 2 are cut short on some initiatives, empty on others
      ticketsOf: (i) => i % 5,
    });
  }, 120_000);

  it('builds a tree of about 10 nodes and one of about 1,000', () => {
    expect(small.nodes).toBe(1 + 2 + 2 + 2 + 5);
    expect(large.nodes).toBe(4 + 40 + 120 + 240 + 480 + 96);
  });

  it('walks goal -> objectives -> key results -> initiatives -> tickets in the same few statements', async () => {
    const a = await count(small.session, WALK);
    const b = await count(large.session, WALK);
    const tickets = (data: Record<string, any>) =>
      JSON.stringify(data).match(/"key":"T-\d+"/g)?.length ?? 0;
    expect(tickets(a.data)).toBe(5);
    expect(tickets(b.data)).toBeGreaterThan(300);
    console.log(
      `walk: ${a.statements} statements for ${small.nodes} nodes, ${b.statements} for ${large.nodes}`,
    );
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBeLessThanOrEqual(40);
  });

  it('resolves every relation field down the tree and back up in a bounded number of statements', async () => {
    const a = await count(small.session, EVERY_RELATION);
    const b = await count(large.session, EVERY_RELATION);
    // Both trees give every relation field something to load, so neither count skips a level.
    for (const data of [a.data, b.data]) {
      for (const field of RELATIONS) expect([field, filled(data, field)]).toEqual([field, true]);
    }
    console.log(
      `every relation: ${a.statements} statements for ${small.nodes} nodes, ${b.statements} for ${large.nodes}`,
    );
    // Each DataLoader batch runs in its own transaction, so sibling lists that finish at different
    // moments can split one level's byId loads into two batches: the count may differ by a few
    // batches between runs, but never grows with the tree (980 nodes here, one query per node
    // would be hundreds more).
    expect(b.statements).toBeLessThanOrEqual(a.statements * 1.5);
    expect(b.statements).toBeLessThanOrEqual(160);
  });
});
