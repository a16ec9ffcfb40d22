import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { removeEmbeddedCluster } from '@app/database';
import { freePort } from '@app/common';

/**
 * The CLI works on "the same database the server uses": with the embedded PostgreSQL, while the
 * server runs, the CLI shares the server's PostgreSQL instead of stopping it as if it were stale.
 */
const MAIN = resolve(process.env.TEST_SERVER_MAIN ?? 'dist/apps/api/src/main.js');
const CLI = resolve('dist/apps/cli/src/main.js');
const run = promisify(execFile);

/** This process's env without any database, secret or jest settings: the built apps choose. */
function cleanEnv(env: Record<string, string>): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = { ...process.env, ...env };
  for (const name of [
    'DATABASE_URL',
    'JWT_SECRET',
    'SECRETS_KEY',
    'REDIS_URL',
    'NODE_OPTIONS',
    'LOG_LEVEL',
  ]) {
    if (!(name in env)) delete result[name];
  }
  for (const name of Object.keys(result)) if (name.startsWith('TEST_')) delete result[name];
  return result;
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200;
  } catch {
    return false;
  }
}

describe('the CLI beside a running server on the embedded database', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  let exited: Promise<unknown>;

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    removeEmbeddedCluster(join(dataDir, 'postgres'));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shares the server’s PostgreSQL: the server stays up and sees what the CLI wrote', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'throughline-cli-'));
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      DEMO: 'false',
      NODE_ENV: 'production',
    };
    const port = Number(env.PORT);
    server = spawn(process.execPath, [MAIN], { env: cleanEnv(env), stdio: 'ignore' });
    exited = new Promise((done) => server!.once('exit', done));
    for (let i = 0; i < 240 && !(await ready(port)); i++)
      await new Promise((r) => setTimeout(r, 250));
    expect(await ready(port)).toBe(true);

    const email = 'ops@example.com';
    const signUp = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { signUp(input: { email: "${email}", password: "correct horse battery", name: "Ops", organizationName: "Ops" }) { token } }`,
      }),
    });
    const token = ((await signUp.json()) as { data: { signUp: { token: string } } }).data.signUp
      .token;

    const cli = (...args: string[]) =>
      run(process.execPath, [CLI, ...args], { env: cleanEnv(env), timeout: 60_000 });
    await cli('migrate');
    expect(await ready(port)).toBe(true);
    const imported = await cli('--user', email, 'import-plan', 'test/fixtures/small-plan.yaml');
    expect(imported.stdout).toMatch(/created/);

    // the server is still up, on the same database: it sees the CLI's import
    expect(await ready(port)).toBe(true);
    const goals = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ strategicGoals(first: 10) { nodes { key } } }` }),
    });
    expect(await goals.json()).toEqual({
      data: { strategicGoals: { nodes: [{ key: 'G1' }, { key: 'G2' }] } },
    });
  }, 120_000);
});
