import 'reflect-metadata';
import { throwawayDatabase } from './bench-database.js';
import { benchTicketImport } from './ticket-import.bench.js';

/**
 * `npm run bench`: performance figures, measured on this machine in one run, printed (never
 * asserted in tests, which flake on shared machines). Uses a throwaway database.
 */
async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_TICKETS ?? 100_000);
  const db = await throwawayDatabase();
  try {
    console.log(`Throughline benchmark (node ${process.version}, ${new Date().toISOString()})\n`);
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
      `file: ${f.megabytes.toFixed(1)} MB; CLI/COPY time ratio: ${(f.cliSeconds / f.copySeconds).toFixed(1)}x; target: ${rows} rows in under 60 s: ${f.cliSeconds < 60 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await db.drop();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
