import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { parse } from 'yaml';
import { createTestDatabase, dropTestDatabase } from '../support/test-database.js';
import { FakeJira } from '../support/fake-jira/index.js';
import { SecretBox } from '@app/common';

const run = promisify(execFile);
const CLI = 'dist/apps/cli/src/main.js';

/** The operator CLI as operators run it: the built program, against a real database. */
describe('the CLI', () => {
  let databaseUrl: string;
  let dir: string;
  const env = () => ({
    ...process.env,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'cli-test-secret-cli-test-secret-0123456',
    SECRETS_KEY: '636c692d746573742d6b65792d636c692d746573742d6b65792d636c692d2121',
    NODE_ENV: 'production',
  });
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: env() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    databaseUrl = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'throughline-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropTestDatabase(databaseUrl);
  });

  it('migrates, seeds the demo once, and imports and exports as its user', async () => {
    expect(await cli('migrate')).toMatchObject({ code: 0, stdout: 'the schema is up to date\n' });
    const seeded = await cli('seed-demo');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(
      /^seeded the demo organization; log in as demo@throughline.local \/ throughline-demo/,
    );
    expect((await cli('seed-demo')).stdout).toMatch(/already exists/);

    const again = await cli('import-plan', 'demo/plan.yaml');
    expect(again).toMatchObject({ code: 0 });
    // the plan file is the demo as seeded (its history replayed): nothing to change
    expect(again.stdout).toMatch(/imported demo\/plan.yaml: 0 created, 0 updated, 138 unchanged/);

    const file = join(dir, 'q4.yaml');
    expect((await cli('export-plan', '--cycle', 'Q4-26', file)).code).toBe(0);
    const exported = parse(readFileSync(file, 'utf8'));
    expect(exported.cycles.map((c: { key: string }) => c.key)).toEqual(['Q4-26']);
    expect(exported.objectives.length).toBeGreaterThan(3);

    const tickets = await cli('import-jira-csv', 'demo/jira.csv');
    expect(tickets.code).toBe(0);
    expect(tickets.stdout).toMatch(
      /imported demo\/jira.csv: 0 created, 0 updated, 348 unchanged, 0 warnings/,
    );
  });

  it('names its writes in the audit log: seed-demo, cli:<command>', async () => {
    expect((await cli('seed-demo')).code).toBe(0); // seeds now, or found it seeded
    const extra = join(dir, 'extra.yaml');
    writeFileSync(extra, 'version: 1\ngoals:\n  - { key: CLI-G, title: From the CLI }\n');
    expect((await cli('import-plan', extra)).code).toBe(0);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT operation, entity_key FROM audit_log ORDER BY id`,
      );
      // the demo's sign-up, plan, tickets and history; re-imports that changed nothing left no entry
      const operations = rows.map((r) => r.operation);
      expect(operations.slice(0, -1).length).toBeGreaterThan(3);
      expect(new Set(operations.slice(0, -1))).toEqual(new Set(['seed-demo']));
      expect(operations.at(-1)).toBe('cli:import-plan');
      expect(rows.at(-1).entity_key).toBe('CLI-G');
    } finally {
      await client.end();
    }
  });

  it('sync-source reconciles a live source through its tracker, with what it did', async () => {
    const jira = await FakeJira.start();
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      jira.putIssue({ key: 'SYN-1', summary: 'one', storyPoints: 3 });
      jira.putIssue({ key: 'SYN-2', summary: 'two', storyPoints: 5 });
      const box = new SecretBox(Buffer.from(env().SECRETS_KEY, 'hex'));
      const id = '5f0c3a1e-2b7d-4c1a-9e3f-0a1b2c3d4e5f';
      await db.query(
        `INSERT INTO ticket_sources (organization_id, id, kind, name, base_url, webhook_secret, credentials)
         SELECT m.organization_id, $1, 'JIRA_CLOUD', 'Jira', $2, $3, $4
           FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'demo@throughline.local'`,
        [
          id,
          jira.url,
          box.seal('secret', `ticket-source:${id}:webhook`),
          box.seal(`${jira.email}:${jira.apiToken}`, `ticket-source:${id}:credentials`),
        ],
      );
      const synced = await cli('sync-source', 'Jira');
      expect(synced.stderr).toBe('');
      expect(synced).toMatchObject({ code: 0 });
      expect(synced.stdout).toMatch(
        /^synced Jira: SUCCEEDED, 2 created, 0 updated, 0 unchanged, 0 problems/,
      );
      const missing = await cli('sync-source', 'Nope');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no source named "Nope" \(sources: "Jira"\)/);
    } finally {
      await db.end();
      await jira.close();
    }
  });

  it('fails with a clear message and a non-zero exit', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'version: 1\ngoals:\n  - { key: G1 }\n');
    const bad = await cli('import-plan', broken);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/problem: goals\[0\]\.title: is required/);
    expect(bad.stderr).toMatch(/has 1 problem\(s\): nothing was written/);

    const stranger = await cli('--user', 'nobody@example.com', 'export-plan');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/error: no user with e-mail nobody@example.com/);

    const missing = await cli('import-jira-csv', join(dir, 'missing.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/error: .*no such file/i);
  });

  it('imports Trello board JSON and Asana CSV exports, with the same output', async () => {
    expect((await cli('seed-demo')).code).toBe(0); // seeds now, or found it seeded
    const trello = await cli(
      'import-trello-json',
      'test/fixtures/awkward-trello.json',
      '--key-prefix',
      'CLITRL',
    );
    expect(trello.code).toBe(0);
    expect(trello.stdout).toMatch(
      /^imported test\/fixtures\/awkward-trello.json: 5 created, 0 updated, 0 unchanged, \d+ warnings/,
    );
    expect(trello.stderr).toMatch(/warning: cards\[6\] \(CLITRL-7\): no name: card skipped/);
    const asana = await cli('import-asana-csv', 'test/fixtures/awkward-asana.csv');
    expect(asana.code).toBe(0);
    expect(asana.stdout).toMatch(
      /^imported test\/fixtures\/awkward-asana.csv: 7 created, 0 updated, 0 unchanged, \d+ warnings/,
    );
    const again = await cli('import-asana-csv', 'test/fixtures/awkward-asana.csv');
    expect(again.stdout).toMatch(/0 created, 0 updated, 7 unchanged/);
    const badPrefix = await cli(
      'import-asana-csv',
      'test/fixtures/awkward-asana.csv',
      '--key-prefix',
      'a b',
    );
    expect(badPrefix.code).toBe(1);
    expect(badPrefix.stderr).toMatch(/error: .*1-32 letters/);
  });

  it('imports Linear CSV and GitHub issues JSON files, with the same output', async () => {
    expect((await cli('seed-demo')).code).toBe(0); // seeds now, or found it seeded
    const linear = await cli('import-linear-csv', 'test/fixtures/awkward-linear.csv');
    expect(linear.code).toBe(0);
    expect(linear.stdout).toMatch(
      /^imported test\/fixtures\/awkward-linear.csv: 6 created, 0 updated, 0 unchanged, \d+ warnings/,
    );
    expect(linear.stderr).toMatch(/warning: line 11: no ID: row skipped/);
    const github = await cli(
      'import-github-json',
      'test/fixtures/awkward-github.json',
      '--repository',
      'acme/cli',
    );
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(
      /^imported test\/fixtures\/awkward-github.json: 5 created, 0 updated, 0 unchanged, \d+ warnings/,
    );
    expect(github.stderr).toMatch(/warning: pull_request: 1 pull request left out/);
    const again = await cli('import-github-json', 'test/fixtures/awkward-github.json');
    expect(again.stdout).toMatch(/0 created, 0 updated, 4 unchanged/);
    const badRepo = await cli(
      'import-github-json',
      'test/fixtures/awkward-github.json',
      '--repository',
      'no repo',
    );
    expect(badRepo.code).toBe(1);
    expect(badRepo.stderr).toMatch(/error: .*owner\/repo/);
  });
});
