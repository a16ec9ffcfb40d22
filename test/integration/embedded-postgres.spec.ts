import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

/** The embedded PostgreSQL the server and the tests start when DATABASE_URL is unset. */
describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const servers: EmbeddedDatabase[] = [];

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-embedded-'));
    chmodSync(dir, 0o755); // the postgres system user must reach it when the tests run as root
    dirs.push(dir);
    return dir;
  }

  async function start(dataDir: string, port: number): Promise<EmbeddedDatabase> {
    const server = await startEmbeddedPostgres({ dataDir, port });
    servers.push(server);
    return server;
  }

  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('starts, and after a killed run detects the stale server, stops it and starts again', async () => {
    const dataDir = join(tempDir(), 'pg');
    const first = await start(dataDir, await freePort());
    expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    const stalePid = postmasterPid(dataDir);
    expect(isAlive(stalePid)).toBe(true);

    // A killed run never calls stop(): its server keeps running on the data dir.
    const second = await start(dataDir, await freePort());
    expect(second.port).not.toBe(first.port);
    expect(isAlive(stalePid)).toBe(false);
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    expect(postmasterPid(dataDir)).not.toBe(stalePid);

    // stopping the stale handle is harmless and does not hang
    await first.stop();
    await second.stop();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('ignores a postmaster.pid whose process is not a PostgreSQL server of this data dir', async () => {
    const dataDir = join(tempDir(), 'pg');
    const server = await start(dataDir, await freePort());
    await server.stop();
    // As after a reboot: the recorded pid now belongs to an unrelated live process (this one).
    writeFileSync(join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);
    const again = await start(dataDir, await freePort());
    expect(await query(again.url, 'SELECT 2 AS two')).toEqual([{ two: 2 }]);
    expect(isAlive(process.pid)).toBe(true);
    await again.stop();
  });

  it('refuses a port that is in use with an error naming EMBEDDED_PG_PORT', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(start(join(tempDir(), 'pg'), port)).rejects.toThrow(
        new RegExp(`port ${port} .*EMBEDDED_PG_PORT`),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
