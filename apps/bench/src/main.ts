import 'reflect-metadata';
import { benchAlignment } from './alignment.bench.js';
import { throwawayDatabase } from './bench-database.js';
import { benchTicketImport } from './ticket-import.bench.js';

/**
 * `npm run bench`: performance figures, measured on this machine in one run and printed (never
 * asserted in tests, which flake on shared machines). Each part runs in its own throwaway database.
 *   BENCH_ONLY=import|alignment  one part only
 *   BENCH_SCALE=0.1              a smaller dataset for a quick look (1 = the sizes of the issues)
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const log = (m: string) => console.error(m);
  console.log(
    `Throughline benchmark (node ${process.version}, ${new Date().toISOString()}, scale ${scale})\n`,
  );

  if (!only || only === 'import') {
    const db = await throwawayDatabase();
    try {
      const rows = Math.round(100_000 * scale);
      const f = await benchTicketImport(db.url, rows);
      console.log('Ticket import: Jira CSV through the CLI vs PostgreSQL COPY of the same rows');
      console.table({
        'CLI import-jira-csv (first import)': {
          rows: f.rows,
          seconds: round(f.cliSeconds),
          'rows/s': Math.round(f.cliRowsPerSecond),
        },
        'CLI import-jira-csv (same file again)': {
          rows: f.rows,
          seconds: round(f.reimportSeconds),
          'rows/s': Math.round(f.rows / f.reimportSeconds),
        },
        'COPY into a tickets-shaped table': {
          rows: f.rows,
          seconds: round(f.copySeconds),
          'rows/s': Math.round(f.copyRowsPerSecond),
        },
      });
      console.log(
        `file ${f.megabytes.toFixed(1)} MB; CLI / COPY time: ${(f.cliSeconds / f.copySeconds).toFixed(1)}x; ` +
          `target ${rows} rows in under 60 s: ${f.cliSeconds < 60 ? 'met' : 'NOT met'}\n`,
      );
    } finally {
      await db.drop();
    }
  }

  if (!only || only === 'alignment') {
    const db = await throwawayDatabase();
    try {
      const f = await benchAlignment(
        db.url,
        {
          smallOrganizations: Math.max(1, Math.round(100 * scale)),
          ticketsPerSmall: Math.round(50_000 * Math.min(1, scale * 10)),
          initiativesPerOrganization: 500,
          ticketsInLarge: Math.round(1_000_000 * scale),
        },
        log,
      );
      console.log(
        'Alignment computation vs the plain aggregate grouped by initiative (same role, RLS on; medians)',
      );
      console.table(
        Object.fromEntries(
          f.computation.map((c) => [
            c.organization,
            {
              tickets: c.tickets,
              'alignment ms': round(c.alignmentMs),
              'reference ms': round(c.referenceMs),
              ratio: round(c.ratio),
              'target <= 1.3': c.ratio <= 1.3 ? 'met' : 'NOT met',
            },
          ]),
        ),
      );
      const { graphql, directSql, target } = f.latency;
      console.log(
        'End-to-end GraphQL alignment (HTTP) vs the same statements through pg, one 50k-ticket organization',
      );
      console.table({
        'GraphQL over HTTP': { 'p50 ms': round(graphql.p50), 'p95 ms': round(graphql.p95) },
        'same SQL through pg': { 'p50 ms': round(directSql.p50), 'p95 ms': round(directSql.p95) },
      });
      console.log(
        `p50 ratio ${round(graphql.p50 / directSql.p50)}x; target p50 <= 1.5x + 3 ms = ${round(target)} ms: ${graphql.p50 <= target ? 'met' : 'NOT met'}\n`,
      );
      console.log('SQL statements per dashboard-shaped request (same page sizes)');
      console.table(
        Object.fromEntries(
          f.statements.map((s) => [`${s.nodes} tree nodes`, { statements: s.statements }]),
        ),
      );
      const [a, b] = f.statements;
      console.log(`equal counts: ${a.statements === b.statements ? 'met' : 'NOT met'}`);
    } finally {
      await db.drop();
    }
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
