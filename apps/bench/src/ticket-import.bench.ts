import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadEnv } from '@app/config';
import { AuthService } from '@app/identity';
import {
  JiraImportService,
  MAX_CLI_CSV_BYTES,
  PlanImportService,
  type TicketImportResult,
} from '@app/integrations';
// The bench sets up its organization with exactly the services the CLI runs on.
// eslint-disable-next-line no-restricted-imports
import { CliModule } from '../../cli/src/cli.module.js';
import { benchVariables } from './bench-app.js';

const run = promisify(execFile);
const USER = { email: 'bench@throughline.local', password: 'bench-password-1', name: 'Bench' };
/** The organization the import is timed in, in the bench's own process (no process start). */
const SERVICE_USER = { ...USER, email: 'bench-service@throughline.local' };
const TEAMS = 5;
const SPRINTS = 10;
const EPICS = 50;

export interface ImportFigures {
  rows: number;
  megabytes: number;
  /** the CLI's wall clock, process start (Node, Nest, the database pool) included */
  cliSeconds: number;
  cliRowsPerSecond: number;
  reimportSeconds: number;
  /** the import itself, as the server runs it: file stream read, parsed, checked, committed */
  importSeconds: number;
  /** the same file again, into the same organization: every row unchanged */
  unchangedSeconds: number;
  copySeconds: number;
  copyRowsPerSecond: number;
}

/**
 * 100,000 Jira rows through the CLI, and through the import service in this process (timed like
 * COPY: from the first byte read to the commit, nothing started on the way), next to PostgreSQL
 * COPY of the same number of rows into a table of the tickets' shape on the same server.
 */
export async function benchTicketImport(databaseUrl: string, rows: number): Promise<ImportFigures> {
  const env = benchVariables(databaseUrl);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadEnv(env)), {
    logger: ['error'],
  });
  let importSeconds: number;
  let unchangedSeconds: number;
  const dir = mkdtempSync(join(tmpdir(), 'throughline-bench-csv-'));
  const file = join(dir, 'jira.csv');
  try {
    await pipeline(Readable.from(jiraRows(rows)), createWriteStream(file));
    const auth = app.get(AuthService);
    const { actor } = await auth.signUp({ ...USER, organizationName: 'Bench' });
    const { actor: serviceActor } = await auth.signUp({
      ...SERVICE_USER,
      organizationName: 'Bench service',
    });
    for (const who of [actor, serviceActor]) {
      const result = await app.get(PlanImportService).importPlan(who, planYaml(), false);
      if (result.problems.length) throw new Error(JSON.stringify(result.problems));
    }
    const jira = app.get(JiraImportService);
    const timed = async (expect: keyof TicketImportResult): Promise<number> => {
      const started = performance.now();
      const result = await jira.importStream(
        serviceActor,
        createReadStream(file),
        MAX_CLI_CSV_BYTES,
      );
      const seconds = (performance.now() - started) / 1000;
      if (result[expect] !== rows)
        throw new Error(`unexpected import result: ${JSON.stringify(result)}`);
      return seconds;
    };
    importSeconds = await timed('created');
    unchangedSeconds = await timed('unchanged');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await app.close();
  }

  try {
    const cliEnv = { ...process.env, ...env };
    const cli = (args: string[]) =>
      run(process.execPath, ['dist/apps/cli/src/main.js', '--user', USER.email, ...args], {
        env: cliEnv,
        maxBuffer: 64 * 1024 * 1024,
      });

    let started = performance.now();
    const first = await cli(['import-jira-csv', file]);
    const cliSeconds = (performance.now() - started) / 1000;
    if (!first.stdout.includes(`${rows} created`))
      throw new Error(`unexpected import result: ${first.stdout}`);
    started = performance.now();
    await cli(['import-jira-csv', file]);
    const reimportSeconds = (performance.now() - started) / 1000;

    const copySeconds = await copyRows(databaseUrl, rows);
    return {
      rows,
      megabytes: statSync(file).size / 1e6,
      cliSeconds,
      cliRowsPerSecond: rows / cliSeconds,
      reimportSeconds,
      importSeconds,
      unchangedSeconds,
      copySeconds,
      copyRowsPerSecond: rows / copySeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** COPY the same number of ticket rows into a table shaped like tickets (as the superuser). */
async function copyRows(databaseUrl: string, rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE copy_bench (LIKE tickets INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const org = (await client.query(`SELECT id FROM organizations LIMIT 1`)).rows[0].id as string;
    const started = performance.now();
    const stream = client.query(
      copyFrom(
        `COPY copy_bench (organization_id, external_key, external_id, title, type, labels, work_type, status_category, raw_status, points) FROM STDIN WITH (FORMAT csv)`,
      ),
    );
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < rows; i++) {
            yield `${org},BENCH-${i},${100000 + i},"Ticket ${i}, with a comma",Story,"{tech-debt}",NEW_VALUE,TODO,To Do,${i % 8}\n`;
          }
        })(),
      ),
      stream,
    );
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

function planYaml(): string {
  const lines = ['version: 1', 'teams:'];
  for (let t = 0; t < TEAMS; t++) lines.push(`  - { key: T${t}, name: "Team ${t}", capacity: 30 }`);
  lines.push('sprints:');
  for (let t = 0; t < TEAMS; t++) {
    for (let s = 0; s < SPRINTS; s++) {
      const state = s === SPRINTS - 1 ? 'ACTIVE' : 'CLOSED';
      const day = String(1 + s * 2).padStart(2, '0');
      lines.push(
        `  - { key: T${t}-S${s}, team: T${t}, name: "T${t} Sprint ${s}", start: 2026-01-${day}, end: 2026-01-${day}, state: ${state} }`,
      );
    }
  }
  lines.push('initiatives:');
  for (let e = 0; e < EPICS; e++)
    lines.push(`  - { key: I${e}, externalKey: EPIC-${e}, title: "Epic ${e}" }`);
  return lines.join('\n');
}

function* jiraRows(rows: number): Generator<string> {
  yield 'Summary,Issue key,Issue id,Issue Type,Status,Status Category,Custom field (Story Points),Labels,Labels,Sprint,Sprint,Custom field (Epic Link),Parent\n';
  const statuses = ['To Do', 'In Progress', 'In Review', 'Done', "Won't Do"];
  for (let i = 0; i < rows; i++) {
    const t = i % TEAMS;
    const s = i % SPRINTS;
    const carried = s > 0 && i % 5 === 0 ? `T${t} Sprint ${s - 1}` : '';
    const current = `T${t} Sprint ${s}`;
    const epic = i % 7 === 0 ? '' : `EPIC-${i % EPICS}`;
    const type = i % 4 === 0 ? 'Bug' : 'Story';
    const points = i % 10 === 0 ? '' : String((i % 8) + 1);
    yield `"Ticket ${i}, ""quoted"" title",KEY-${i},${200000 + i},${type},${statuses[i % statuses.length]},,${points},${i % 6 === 0 ? 'tech-debt' : ''},,${carried || current},${carried ? current : ''},${epic},\n`;
  }
}
