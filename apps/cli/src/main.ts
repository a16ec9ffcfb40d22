import 'reflect-metadata';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Command } from 'commander';
import { loadEnv } from '@app/config';
import { Database } from '@app/database';
import {
  AsanaImportService,
  AsanaRowReader,
  checkGithubRepository,
  checkKeyPrefix,
  GithubImportService,
  LinearImportService,
  LinearRowReader,
  readGithubIssues,
  JiraImportService,
  JiraRowReader,
  MAX_CLI_CSV_BYTES,
  MAX_CLI_CSV_ROWS,
  MAX_CLI_PLAN_CHARS,
  PlanExportService,
  PlanImportService,
  readCsvStream,
  readTrelloBoard,
  SyncService,
  TicketSourceService,
  TrelloImportService,
  type TicketImportResult,
} from '@app/integrations';
import { hasRole } from '@app/common';
import { DEMO_LOGIN, DemoSeeder } from '@app/planning';
import { CliModule } from './cli.module.js';
import { generateMigration } from './commands/generate-migration.js';
import { operatorActor } from './operator.js';
import { progressBar, progressCounter } from './progress.js';

/**
 * The operator CLI (`npm run cli -- <command>`). Every command opens the same database the server
 * uses (DATABASE_URL, or the embedded one in DATA_DIR), prints what it did, and exits non-zero
 * with a clear message on failure.
 */
const program = new Command('throughline')
  .description('Throughline operator commands')
  .option('--user <email>', 'act as this member', DEMO_LOGIN.email)
  .option('--org <slug>', 'in this organization (optional when the user has one)');

const stderrLog = {
  log: (m: string) => console.error(m),
  warn: (m: string) => console.error(m),
  error: (m: string) => console.error(m),
};

async function withDatabase(work: (db: Database) => Promise<void>): Promise<void> {
  const db = await Database.open(loadEnv(), stderrLog);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

/**
 * The API's services without HTTP; migrations run first, as at server start. The database is
 * opened before Nest, so a failure to start it is one line, and closed whatever fails later.
 */
async function withServices(work: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  const env = loadEnv();
  const db = await Database.open(env, stderrLog);
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(CliModule.forRoot(env, db), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

/** The member a command acts as; `operation` names its writes in the audit log. */
async function actor(app: INestApplicationContext, operation: string) {
  const { user, org } = program.opts<{ user: string; org?: string }>();
  return { ...(await operatorActor(app.get(Database), user, org)), operation };
}

function printProblems(kind: string, problems: { path: string; message: string }[]): void {
  for (const p of problems) console.error(`${kind}: ${p.path}: ${p.message}`);
}

program
  .command('migrate')
  .description('apply pending migrations (under an advisory lock)')
  .action(() =>
    withDatabase(async (db) => {
      const ran = await db.migrate();
      console.log(ran.length ? `applied ${ran.join(', ')}` : 'the schema is up to date');
    }),
  );

program
  .command('migration:generate <name>')
  .description('write a migration with the SQL that makes the database match the entities')
  .action((name: string) =>
    withDatabase(async (db) => {
      await db.migrate();
      console.log(await generateMigration(db.dataSource, name));
    }),
  );

program
  .command('seed-demo')
  .description('seed the demo organization (demo/plan.yaml and demo/jira.csv) unless it exists')
  .action(() =>
    withServices(async (app) => {
      const result = await app.get(DemoSeeder).seedOnce();
      console.log(
        `${result.seeded ? 'seeded the demo organization' : 'the demo organization already exists'}; log in as ${result.email} / ${result.password}`,
      );
    }),
  );

program
  .command('import-plan <file>')
  .description('create or update everything a plan file lists, in one transaction')
  .option('--dry-run', 'report what would change, write nothing')
  .action((file: string, options: { dryRun?: boolean }) =>
    withServices(async (app) => {
      // Refused before reading: the whole text is held and parsed in memory.
      const size = statSync(file).size;
      if (size > MAX_CLI_PLAN_CHARS) {
        throw new Error(
          `${file} is ${size.toLocaleString('en-US')} bytes; plan files are limited to ${MAX_CLI_PLAN_CHARS.toLocaleString('en-US')}`,
        );
      }
      const result = await app
        .get(PlanImportService)
        .importPlan(
          await actor(app, 'cli:import-plan'),
          readFileSync(file, 'utf8'),
          !!options.dryRun,
          MAX_CLI_PLAN_CHARS,
        );
      if (result.problems.length) {
        printProblems('problem', result.problems);
        throw new Error(`${file} has ${result.problems.length} problem(s): nothing was written`);
      }
      const verb = result.applied ? 'imported' : 'dry run:';
      console.log(
        `${verb} ${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`,
      );
    }),
  );

program
  .command('export-plan [file]')
  .description('write the plan of a cycle (or of everything) as YAML, to FILE or stdout')
  .option('--cycle <key>', 'the cycle to export')
  .action((file: string | undefined, options: { cycle?: string }) =>
    withServices(async (app) => {
      const yaml = await app
        .get(PlanExportService)
        .exportPlan(await actor(app, 'cli:export-plan'), options.cycle ?? null);
      if (file) {
        writeFileSync(file, yaml);
        console.error(`wrote ${file}`);
      } else process.stdout.write(yaml);
    }),
  );

/** A ticket file's size, refused before reading past what the CLI takes. */
function checkTicketFileSize(file: string): number {
  const size = statSync(file).size;
  if (size > MAX_CLI_CSV_BYTES) {
    throw new Error(
      `${file} is ${size.toLocaleString('en-US')} bytes; the CLI imports files of up to ${MAX_CLI_CSV_BYTES.toLocaleString('en-US')} (split the export)`,
    );
  }
  return size;
}

/** Writes what a ticket file's reader kept, with a progress bar, and prints the outcome. */
async function writeTickets(
  file: string,
  write: (onProgress: (done: number, total: number) => void) => Promise<TicketImportResult>,
): Promise<void> {
  const writing = progressBar('writing');
  const started = Date.now();
  const result = await write((done, total) => writing.update(done, total));
  writing.stop();
  printProblems('warning', result.warnings);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `imported ${file}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ` +
      `${result.warningCount} warnings (${seconds.toFixed(1)} s)`,
  );
}

program
  .command('import-jira-csv <file>')
  .description('import a Jira CSV export as it comes (any size; streamed)')
  .action((file: string) =>
    withServices(async (app) => {
      const who = await actor(app, 'cli:import-jira-csv');
      const size = checkTicketFileSize(file);
      const reading = progressBar('reading');
      const rows = new JiraRowReader(MAX_CLI_CSV_ROWS);
      await readCsvStream(createReadStream(file), rows, {
        maxBytes: MAX_CLI_CSV_BYTES,
        onBytes: (bytes) => reading.update(bytes, size),
      });
      reading.stop();
      await writeTickets(file, (onProgress) =>
        app.get(JiraImportService).importRows(who, rows, onProgress),
      );
    }),
  );

program
  .command('import-asana-csv <file>')
  .description("import an Asana project's CSV export as it comes (streamed)")
  .option('--key-prefix <prefix>', 'ticket keys are <prefix>-<Task ID> (default ASANA)')
  .action((file: string, options: { keyPrefix?: string }) =>
    withServices(async (app) => {
      const who = await actor(app, 'cli:import-asana-csv');
      const prefix = checkKeyPrefix(options.keyPrefix);
      const size = checkTicketFileSize(file);
      const reading = progressBar('reading');
      const rows = new AsanaRowReader(prefix, MAX_CLI_CSV_ROWS);
      await readCsvStream(createReadStream(file), rows, {
        maxBytes: MAX_CLI_CSV_BYTES,
        onBytes: (bytes) => reading.update(bytes, size),
      });
      reading.stop();
      await writeTickets(file, (onProgress) =>
        app.get(AsanaImportService).importRows(who, rows, onProgress),
      );
    }),
  );

program
  .command('import-trello-json <file>')
  .description("import a Trello board's JSON export as it comes")
  .option(
    '--key-prefix <prefix>',
    "ticket keys are <prefix>-<card number> (default the board's shortLink)",
  )
  .action((file: string, options: { keyPrefix?: string }) =>
    withServices(async (app) => {
      const who = await actor(app, 'cli:import-trello-json');
      const keyPrefix = checkKeyPrefix(options.keyPrefix);
      checkTicketFileSize(file);
      // Read whole and parsed at once (JSON has no rows to stream), within the size checked above.
      const rows = readTrelloBoard(readFileSync(file, 'utf8'), {
        keyPrefix,
        maxRows: MAX_CLI_CSV_ROWS,
      });
      await writeTickets(file, (onProgress) =>
        app.get(TrelloImportService).importRows(who, rows, onProgress),
      );
    }),
  );

program
  .command('import-linear-csv <file>')
  .description("import a Linear workspace or team's CSV export as it comes (streamed)")
  .action((file: string) =>
    withServices(async (app) => {
      const who = await actor(app, 'cli:import-linear-csv');
      const size = checkTicketFileSize(file);
      const reading = progressBar('reading');
      const rows = new LinearRowReader(MAX_CLI_CSV_ROWS);
      await readCsvStream(createReadStream(file), rows, {
        maxBytes: MAX_CLI_CSV_BYTES,
        onBytes: (bytes) => reading.update(bytes, size),
      });
      reading.stop();
      await writeTickets(file, (onProgress) =>
        app.get(LinearImportService).importRows(who, rows, onProgress),
      );
    }),
  );

program
  .command('import-github-json <file>')
  .description('import a JSON array of GitHub issues (the REST API shape) as it comes')
  .option(
    '--repository <owner/repo>',
    'the repository of issues without repository_url (keys are owner/repo#number)',
  )
  .action((file: string, options: { repository?: string }) =>
    withServices(async (app) => {
      const who = await actor(app, 'cli:import-github-json');
      const repository = checkGithubRepository(options.repository);
      checkTicketFileSize(file);
      const rows = readGithubIssues(readFileSync(file, 'utf8'), {
        repository,
        maxRows: MAX_CLI_CSV_ROWS,
      });
      await writeTickets(file, (onProgress) =>
        app.get(GithubImportService).importRows(who, rows, onProgress),
      );
    }),
  );

program
  .command('sync-source <name>')
  .description("reconcile a live ticket source now through its tracker's API (ADMIN)")
  .action((name: string) =>
    withServices(async (app) => {
      const who = await actor(app, 'cli:sync-source');
      if (!hasRole(who, 'ADMIN')) throw new Error('syncing a source needs the ADMIN role');
      const sources = await app.get(TicketSourceService).list(who);
      const source = sources.find((s) => s.name === name);
      if (!source) {
        const names = sources.map((s) => `"${s.name}"`).join(', ') || 'none';
        throw new Error(`no source named "${name}" (sources: ${names})`);
      }
      const reading = progressCounter(`syncing ${source.name}`);
      const started = Date.now();
      const run = await app
        .get(SyncService)
        .runToEnd(who, source.id, 'MANUAL', (read) => reading.update(read));
      reading.stop();
      printProblems('problem', run.problems);
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `synced ${source.name}: ${run.state}, ${run.created} created, ${run.updated} updated, ` +
          `${run.unchanged} unchanged, ${run.problems.length} problems (${seconds.toFixed(1)} s)`,
      );
      if (run.state === 'FAILED') process.exitCode = 1;
    }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
