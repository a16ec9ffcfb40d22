import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeEmbeddedCluster } from '@app/database';
import { freePort } from '@app/common';

export interface SoakServer {
  url: string;
  dataDir: string;
  /** exits the soak did not ask for (a crash), with their code or signal */
  unexpectedExits: string[];
  /** the server's log lines at level error or fatal */
  errorLines(): string[];
  /** SIGTERM, then the exit code (SIGKILL after 20 s); removes the data directory */
  stop(): Promise<string>;
}

const READY_TIMEOUT_MS = 180_000;

/**
 * The production build (`node dist/apps/api/src/main.js`, NODE_ENV=production) on a fresh
 * embedded PostgreSQL in a temporary DATA_DIR, on free ports, with the demo organization;
 * resolves once the demo is seeded (its log-in line is printed).
 */
export async function startServer(root: string): Promise<SoakServer> {
  const main = join(root, 'dist/apps/api/src/main.js');
  if (!existsSync(main))
    throw new Error('build first: npm run build (no dist/apps/api/src/main.js)');
  const dataDir = mkdtempSync(join(tmpdir(), 'throughline-soak-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    DEMO: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
  };
  for (const name of ['DATABASE_URL', 'JWT_SECRET', 'SECRETS_KEY', 'REDIS_URL']) delete env[name];
  const logFile = join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let stopping = false;
  const unexpectedExits: string[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!stopping) unexpectedExits.push(how);
      resolve(how);
    }),
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`),
        ),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
      if (output.includes('Demo organization: log in as')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${how}) before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    unexpectedExits,
    errorLines: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => /"level":"(error|fatal)"/.test(line)),
    async stop() {
      stopping = true;
      let how: string;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timeout = new Promise<string>((resolve) =>
          setTimeout(() => resolve('no exit within 20 s: killed'), 20_000).unref(),
        );
        how = await Promise.race([exited, timeout]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      } else {
        how = `had already exited (${await exited})`;
      }
      log.end();
      await stopOrphanedPostgres(join(dataDir, 'postgres'));
      // as root the cluster may live outside DATA_DIR (DATA_DIR/postgres links to it): both go
      removeEmbeddedCluster(join(dataDir, 'postgres'));
      rmSync(dataDir, { recursive: true, force: true });
      return how;
    },
  };
}

/**
 * A server that crashed or was killed leaves its embedded PostgreSQL running (its postmaster.pid
 * stays): stop that postmaster (SIGQUIT, immediate shutdown) before the directory goes.
 */
async function stopOrphanedPostgres(pgDir: string): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return; // not running: a stale file
  }
  for (let i = 0; i < 50 && existsSync(pidFile); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
