import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { removeEmbeddedCluster } from '@app/database';
import { findProgram } from '../../apps/cluster/src/programs.js';
import type { ClusterFile } from '../../apps/cluster/src/cluster-file.js';
import type { LoadFigures, OperationFigures } from '../../apps/cluster/src/load/figures.js';
import type { Verification } from '../../apps/cluster/src/load/verify.js';
import { freePort } from '@app/common';
import { isAlive } from '../support/server-process.js';

/**
 * `npm run cluster` and `npm run load` as an operator runs them (the built commands): the primary,
 * its standby, Redis, two API replicas and nginx on loopback; ten clients for ten seconds through
 * the balancer while api-1 is killed (SIGKILL) and restarted. Every acknowledged write must be on
 * the primary afterwards, requests must succeed through the balancer while api-1 is down, and a
 * SIGTERM must leave no process behind. Needs nginx and redis-server (.ci/run installs nginx);
 * says so and passes when either is missing, as the Redis tests do without REDIS_URL.
 */
const CLUSTER = resolve('dist/apps/cluster/src/main.js');
const LOAD = resolve('dist/apps/cluster/src/load/main.js');
const missing = ['nginx', 'redis-server'].filter((name) => findProgram(name) === null);

interface LoadResult {
  floor: OperationFigures;
  figures: LoadFigures;
  verification: Verification;
}

if (missing.length === 0) {
  describe('the cluster under load', () => {
    let dataDir: string;
    let cluster: ChildProcess;
    let output = '';
    let exited: Promise<number | null>;

    beforeAll(async () => {
      for (const main of [CLUSTER, LOAD]) {
        if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
      }
      // 0700 as mkdtemp makes it: as root, the databases live where the postgres user reaches
      dataDir = mkdtempSync(join(tmpdir(), 'throughline-cluster-'));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
      };
      // its own Redis (the machine's keeps rate-limit counts between runs)
      delete env.REDIS_URL;
      delete env.DATABASE_URL;
      cluster = spawn(process.execPath, [CLUSTER], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      exited = new Promise((done) => cluster.once('exit', (code) => done(code)));
      const collect = (chunk: Buffer) => (output += chunk.toString());
      cluster.stdout!.on('data', collect);
      cluster.stderr!.on('data', collect);
      const started = await Promise.race([
        until(() => output.includes('Ctrl-C stops everything.'), 150_000).then(() => true),
        exited.then(() => false),
      ]);
      if (!started) throw new Error(`the cluster did not start:\n${output}`);
    }, 180_000);

    afterAll(async () => {
      if (cluster && cluster.exitCode === null) {
        cluster.kill('SIGTERM');
        await exited;
      }
      if (dataDir) {
        // as root the clusters may live outside DATA_DIR (linked from it): both go
        removeEmbeddedCluster(join(dataDir, 'primary'));
        removeEmbeddedCluster(join(dataDir, 'standby'));
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 60_000);

    it('keeps every acknowledged write and serves through the balancer while a replica is killed, then stops everything', async () => {
      const file = JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as ClusterFile;
      expect(file.standbyUrl).not.toBeNull();
      const json = join(dataDir, 'load.json');
      const load = spawn(
        process.execPath,
        [
          LOAD,
          '--data-dir',
          dataDir,
          '--seconds',
          '10',
          '--clients',
          '10',
          '--disturb',
          'replica',
          '--apply-wait',
          '30',
          '--floor-seconds',
          '2',
          '--json',
          json,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let loadOutput = '';
      load.stdout!.on('data', (chunk: Buffer) => (loadOutput += chunk.toString()));
      load.stderr!.on('data', (chunk: Buffer) => (loadOutput += chunk.toString()));
      const code = await new Promise<number | null>((done) => load.once('exit', done));
      console.log(loadOutput);
      expect(code).toBe(0);

      const { floor, figures, verification } = JSON.parse(readFileSync(json, 'utf8')) as LoadResult;
      // the machine's floor was measured first, alone, and is printed beside the reads' goal
      expect(floor.requests).toBeGreaterThan(0);
      expect(floor.failed).toBe(0);
      expect(loadOutput).toMatch(/^floor: .* req\/s, p50 \d+ ms, p99 \d+ ms$/m);
      expect(loadOutput).toMatch(/the floor on this machine at this many clients: p99 \d+ ms/);
      // writes of every kind were acknowledged, and none is missing from the primary
      expect(verification.checkIns.acknowledged).toBeGreaterThan(0);
      expect(verification.tickets.acknowledged).toBeGreaterThan(0);
      expect(verification.webhooks.acknowledged).toBeGreaterThan(0);
      expect(verification.missing).toEqual([]);
      expect(verification.checkIns.found).toBe(verification.checkIns.acknowledged);
      expect(verification.tickets.found).toBe(verification.tickets.acknowledged);
      expect(verification.webhooks.stored).toBe(verification.webhooks.acknowledged);

      // outside the disturbance, no request was refused for what it sent: the load's requests
      // are valid ones (a refusal here is the load's bug or the server's, never the machine's)
      // (a machine too slow may time out or run out of connections: those codes are allowed)
      const refused = Object.keys(figures.outside.errors).filter(
        (code) =>
          /^HTTP 4/.test(code) ||
          (/^[A-Z_]+$/.test(code) && !['TIMEOUT', 'SERVICE_UNAVAILABLE'].includes(code)),
      );
      expect(refused).toEqual([]);

      // api-1 was killed and came back; meanwhile requests through the balancer succeeded (on
      // api-2): only those in flight on api-1 at the kill may fail
      const [kill] = figures.windows;
      expect(kill.disturbance).toMatchObject({ kind: 'replica', problem: null });
      expect(kill.disturbance.back).not.toBeNull();
      expect(kill.succeededWhileDown).toBeGreaterThan(0);

      // SIGTERM stops every part, and the cluster exits 0 with nothing left running
      const pids = Object.entries(
        (JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as ClusterFile).pids,
      ).filter((entry): entry is [string, number] => entry[1] !== null);
      expect(pids.map(([name]) => name).sort()).toEqual(
        ['api-1', 'api-2', 'nginx', 'primary', 'redis', 'standby'].sort(),
      );
      cluster.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(pids.filter(([, pid]) => isAlive(pid))).toEqual([]);
      expect(existsSync(join(dataDir, 'cluster.json'))).toBe(false);
    }, 240_000);
  });
} else {
  describe('the cluster under load', () => {
    it(`needs ${missing.join(' and ')}`, () => {
      console.log(`cluster test did not run: ${missing.join(' and ')} not installed`);
    });
  });
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
