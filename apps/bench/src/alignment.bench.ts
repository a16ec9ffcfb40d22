import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { AlignmentService, COUNTED_TICKET } from '@app/alignment';
import { type Actor } from '@app/common';
import { Database, queryCounter } from '@app/database';
import { AuthService, TokenService } from '@app/identity';
import { PlanImportService, TicketUpsertService } from '@app/integrations';
import {
  seedAlignmentDataset,
  type DatasetShape,
  type SeededOrganization,
} from './alignment-dataset.js';
import { startBenchApp } from './bench-app.js';
import { percentile } from './stats.js';

/** docs/design.md 6: the reference, the plain aggregate of the same in-scope tickets grouped by initiative. */
const REFERENCE_SQL = `SELECT l.initiative_id, sum(coalesce(t.points, 1)) AS effort
  FROM tickets t LEFT JOIN ticket_links l ON l.ticket_id = t.id
 WHERE ${COUNTED_TICKET}
   AND t.current_sprint_id IN (SELECT id FROM sprints WHERE state = 'ACTIVE')
 GROUP BY l.initiative_id`;

const REPORT_QUERY = `{ alignment { totalEffort alignedShare ticketCount unestimatedTickets
  goals { goal { key title } effort share percent reach targetShare gap }
  unaligned { reason effort share percent ticketCount } horizons { horizon share targetShare } workTypes { workType share } } }`;

/** A dashboard-shaped query: down the tree from each goal, with fixed page sizes. */
const DASHBOARD_QUERY = `{ alignment { goals { goal { key objectiveLinks { weight objective { key progress
  keyResults { key progress initiativeLinks { weight initiative { key tickets(first: 5) { nodes { key points } } } } } } } } share } } }`;

export interface Timing {
  p50: number;
  p95: number;
}

export interface AlignmentFigures {
  computation: {
    organization: string;
    tickets: number;
    alignmentMs: number;
    referenceMs: number;
    ratio: number;
  }[];
  latency: { graphql: Timing; directSql: Timing; target: number };
  rowSecurity: { rlsMs: number; explicitMs: number; ratio: number; tickets: number };
  statements: { nodes: number; statements: number }[];
}

/** Prints each measurement as soon as it is made, so a later failure loses nothing measured. */
export type AlignmentPrinter = {
  [K in keyof AlignmentFigures]: (figures: AlignmentFigures[K]) => void;
};

/**
 * The alignment part: seeds the dataset once, then measures each figure in turn. A measurement
 * that fails is reported and the next one still runs; the part fails at the end if any did.
 */
export async function benchAlignment(
  url: string,
  shape: DatasetShape,
  log: (m: string) => void,
  print: AlignmentPrinter,
): Promise<void> {
  // The app migrates the throwaway database at start-up; the dataset goes in after.
  const app = await startBenchApp(url);
  try {
    log(
      `seeding ${shape.smallOrganizations} x ${shape.ticketsPerSmall} + 1 x ${shape.ticketsInLarge} tickets with COPY`,
    );
    const started = performance.now();
    const { small, large } = await seedAlignmentDataset(url, shape, log);
    log(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const failures: string[] = [];
    const measure = async <K extends keyof AlignmentFigures>(
      name: K,
      work: () => Promise<AlignmentFigures[K]>,
    ) => {
      try {
        print[name](await work());
        log(`  measured ${name}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push(`${name}: ${message}`);
        console.log(`${name}: FAILED (${message})\n`);
      }
    };
    await measure('computation', async () => {
      const computation = [];
      for (const [name, org] of [
        ['one organization (50k)', small[0]],
        ['the large organization', large],
      ] as const) {
        computation.push({
          organization: name,
          tickets: org.tickets,
          ...(await computeVsReference(app, org)),
        });
      }
      return computation;
    });
    await measure('latency', () => latencies(app, small[0], url));
    await measure('rowSecurity', () => rowSecurityVsWhere(app, small[0], url));
    await measure('statements', async () => {
      const statements = [];
      for (const nodes of [10, 10_000])
        statements.push({ nodes, statements: await dashboardStatements(app, nodes) });
      return statements;
    });
    if (failures.length) throw new Error(failures.join('; '));
  } finally {
    await app.close();
  }
}

const actorOf = (org: SeededOrganization): Actor => ({
  organizationId: org.id,
  userId: org.userId,
  role: 'OWNER',
});

async function computeVsReference(app: NestExpressApplication, org: SeededOrganization) {
  const service = app.get(AlignmentService);
  const db = app.get(Database);
  const alignment = () => service.report(actorOf(org), null);
  // Same role and transaction setting as the report: one read-only REPEATABLE READ snapshot.
  const reference = () =>
    db.transaction({ organizationId: org.id }, (em) => em.query(REFERENCE_SQL), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  // Interleaved runs, so both see the same cache and machine load.
  const a: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < 9; i++) {
    a.push(await time(alignment));
    r.push(await time(reference));
  }
  const alignmentMs = median(a.slice(2));
  const referenceMs = median(r.slice(2));
  return { alignmentMs, referenceMs, ratio: alignmentMs / referenceMs };
}

/** GraphQL end to end over HTTP, against exactly the statements it runs, replayed through pg. */
async function latencies(app: NestExpressApplication, org: SeededOrganization, url: string) {
  const token = await app
    .get(TokenService)
    .sign({ userId: org.userId, organizationId: org.id, sessionEpoch: 0 });
  const endpoint = `${await app.getUrl()}/graphql`;
  const request = async () => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: REPORT_QUERY }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  await request();
  queryCounter.capture = [];
  await request();
  // The same transactions as the request, each with its own settings (a report's REPEATABLE READ
  // READ ONLY must come before its first query, so they cannot share one transaction).
  const transactions: { query: string; parameters?: unknown[] }[][] = [];
  for (const s of queryCounter.capture) {
    if (/^START TRANSACTION/i.test(s.query)) transactions.push([]);
    else if (!/^(COMMIT|ROLLBACK)/i.test(s.query)) transactions.at(-1)?.push(s);
  }
  queryCounter.capture = null;

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const direct = async () => {
    for (const statements of transactions) {
      await client.query('BEGIN');
      for (const s of statements) await client.query(s.query, s.parameters as unknown[]);
      await client.query('COMMIT');
    }
  };
  const g: number[] = [];
  const d: number[] = [];
  try {
    for (let i = 0; i < 60; i++) {
      g.push(await time(request));
      d.push(await time(direct));
    }
  } finally {
    await client.end();
  }
  const graphql = { p50: percentile(g.slice(10), 50), p95: percentile(g.slice(10), 95) };
  const directSql = { p50: percentile(d.slice(10), 50), p95: percentile(d.slice(10), 95) };
  return { graphql, directSql, target: 1.5 * directSql.p50 + 3 };
}

/**
 * The same tenant query two ways: under row-level security (the app's role, the tenant set, no
 * organization in the WHERE) against an explicit `WHERE organization_id = $1` on a connection that
 * row-level security does not apply to (the bench's owner connection). Interleaved medians.
 */
async function rowSecurityVsWhere(
  app: NestExpressApplication,
  org: SeededOrganization,
  url: string,
) {
  const db = app.get(Database);
  const query = `SELECT t.status_category, count(*)::int AS tickets, sum(coalesce(t.points, 1)) AS points
                   FROM tickets t WHERE ${COUNTED_TICKET}`;
  const withRls = () =>
    db.transaction({ organizationId: org.id }, (em) => em.query(`${query} GROUP BY 1`), {
      isolation: 'REPEATABLE READ',
      readOnly: true,
    });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const bypasses: { rolbypassrls: boolean; rolsuper: boolean }[] = (
      await client.query(`SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user`)
    ).rows;
    if (!bypasses[0]?.rolsuper && !bypasses[0]?.rolbypassrls)
      throw new Error('the reference connection is subject to row-level security');
    const explicit = async () => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`${query} AND t.organization_id = $1 GROUP BY 1`, [org.id]);
      await client.query('COMMIT');
    };
    const a: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < 11; i++) {
      a.push(await time(withRls));
      r.push(await time(explicit));
    }
    const rlsMs = median(a.slice(2));
    const explicitMs = median(r.slice(2));
    return { rlsMs, explicitMs, ratio: rlsMs / explicitMs, tickets: org.tickets };
  } finally {
    await client.end();
  }
}

/** SQL statements of one dashboard-shaped request on a tree of about `nodes` nodes. */
async function dashboardStatements(app: NestExpressApplication, nodes: number): Promise<number> {
  const { actor, token } = await app.get(AuthService).signUp({
    email: `tree-${nodes}@bench.local`,
    password: 'bench-password-1',
    name: 'Bench',
    organizationName: `Tree ${nodes}`,
  });
  const goals = Math.max(1, Math.round(nodes / 1000));
  const objectives = Math.max(2, Math.round(nodes * 0.1));
  const perObjective = 2;
  const initiatives = Math.max(3, nodes - goals - objectives - objectives * perObjective);
  const lines = [
    'version: 1',
    'teams: [{ key: T, name: T }]',
    'cycles: [{ key: Q, name: Q, start: 2027-01-01, end: 2027-03-31, state: ACTIVE }]',
    'sprints: [{ key: S, team: T, name: S, start: 2027-01-04, end: 2027-01-17, state: ACTIVE }]',
    'goals:',
  ];
  for (let g = 0; g < goals; g++) lines.push(`  - { key: G${g}, title: G${g} }`);
  lines.push('objectives:');
  for (let o = 0; o < objectives; o++) {
    const krs = Array.from(
      { length: perObjective },
      (_, k) => `{ key: O${o}-K${k}, title: k, kind: NUMERIC, start: 0, target: 10, current: 3 }`,
    );
    lines.push(
      `  - { key: O${o}, cycle: Q, title: O${o}, alignsTo: [{ goal: G${o % goals} }], keyResults: [${krs.join(', ')}] }`,
    );
  }
  lines.push('initiatives:');
  for (let i = 0; i < initiatives; i++)
    lines.push(
      `  - { key: I${i}, externalKey: E${i}, title: I${i}, supports: [{ keyResult: O${i % objectives}-K${i % perObjective} }] }`,
    );
  const plan = await app.get(PlanImportService).importPlan(actor, lines.join('\n'), false);
  if (plan.problems.length) throw new Error(JSON.stringify(plan.problems.slice(0, 3)));
  const tickets = Array.from({ length: Math.min(initiatives * 2, 5000) }, (_, i) => ({
    externalKey: `X-${i}`,
    externalId: null,
    title: `X ${i}`,
    type: 'Story',
    labels: [],
    rawStatus: 'Open',
    sourceCategory: null,
    points: 3,
    sprintNames: ['S'],
    epicKey: `E${i % initiatives}`,
    parentKey: null,
    origin: '',
  }));
  await app.get(TicketUpsertService).upsert(actor, 'BENCH', tickets);
  // Fresh statistics, as autovacuum would have them: nested pages probe an index per parent.
  await app.get(Database).dataSource.query('ANALYZE');
  const endpoint = `${await app.getUrl()}/graphql`;
  const before = queryCounter.statements;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: DASHBOARD_QUERY }),
  });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return queryCounter.statements - before;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: number[]): number {
  return percentile(values, 50);
}
