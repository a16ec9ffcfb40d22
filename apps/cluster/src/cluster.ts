import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Child } from './child.js';
import { removeClusterFile, writeClusterFile, type ClusterFile } from './cluster-file.js';
import { stopLeftovers } from './leftovers.js';
import { startControl, type ClusterActions, type ControlServer } from './control.js';
import { startDatabases, type ClusterDatabases } from './database.js';
import { startNginx } from './nginx.js';
import { startRedis, type ClusterRedis } from './redis.js';
import { Replica } from './replicas.js';
import { sharedSecrets } from './secrets.js';
import { freePort } from '@app/common';

export interface ClusterOptions {
  dataDir: string;
  /** the balancer's port on 127.0.0.1 */
  port: number;
  /** dist/apps/api/src/main.js */
  apiMain: string;
  nginx: string;
  /** the system's redis-server, or null when `redisUrl` is given */
  redisServer: string | null;
  redisUrl: string | null;
  /** the caller's environment: JWT_SECRET, SECRETS_KEY, QUERY_COST_PER_MINUTE, LOG_LEVEL, ... */
  env: NodeJS.ProcessEnv;
  log: (m: string) => void;
}

const REPLICAS = ['api-1', 'api-2'];

/**
 * The whole topology on loopback: the primary and its standby, Redis, two API replicas and nginx
 * in front. Starts
 * in dependency order and stops in the reverse one (the balancer first, so no new request reaches
 * a replica that is draining; the database last, so draining requests can still finish).
 */
export class Cluster {
  private databases: ClusterDatabases | null = null;
  private redis: ClusterRedis | null = null;
  private replicas: Replica[] = [];
  private nginx: Child | null = null;
  private control: ControlServer | null = null;
  private stopping = false;
  private readonly token = randomBytes(24).toString('hex');

  constructor(private readonly options: ClusterOptions) {}

  async start(): Promise<ClusterFile> {
    const { dataDir, log } = this.options;
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    stopLeftovers(dataDir, log);
    const secrets = sharedSecrets(dataDir, this.options.env);

    log('starting the primary and its streaming standby (embedded PostgreSQL) ...');
    this.databases = await startDatabases(dataDir, (m) => log(`  ${m}`));

    this.assertNotStopping();
    if (this.options.redisUrl) {
      this.redis = { url: this.options.redisUrl, child: null };
    } else {
      log('starting Redis (no persistence) ...');
      this.redis = await startRedis(this.options.redisServer!, dataDir, (how) =>
        log(
          `redis exited (${how}): the replicas fall back to memory for rate limits; restart the cluster`,
        ),
      );
    }

    this.assertNotStopping();
    const env: NodeJS.ProcessEnv = {
      ...this.options.env,
      NODE_ENV: 'production',
      // info: the replica's start-up lines (the demo log-in line is how a start is known done)
      LOG_LEVEL: this.options.env.LOG_LEVEL ?? 'info',
      DATABASE_URL: this.databases.url,
      // report reads go to the standby while it keeps up, to the primary when it does not or is down
      DATABASE_READ_URL: this.databases.readUrl,
      REDIS_URL: this.redis.url,
      JWT_SECRET: secrets.jwtSecret,
      SECRETS_KEY: secrets.secretsKey,
      // both replicas start together: migrations and the seed take turns under advisory locks
      DEMO: 'true',
      // nginx on loopback is the one proxy: the client's address is the one it forwards
      TRUST_PROXY: 'loopback',
      PUBLIC_URL: `http://127.0.0.1:${this.options.port}`,
      // 50 load clients without think time spend far more than one member's default query budget
      // per minute; the cluster measures capacity and failover, not the rate limiter
      QUERY_COST_PER_MINUTE: this.options.env.QUERY_COST_PER_MINUTE ?? '1000000000',
    };
    for (const name of REPLICAS) {
      this.replicas.push(
        new Replica(name, await freePort(), this.options.apiMain, env, dataDir, (r, how) =>
          log(`${r.name} exited (${how}); POST ${'/replicas/'}${r.name}/start restarts it`),
        ),
      );
    }
    log(`starting ${REPLICAS.join(' and ')} (migrations and the demo seed on the first start) ...`);
    await Promise.all(this.replicas.map((r) => r.start()));

    this.assertNotStopping();
    log('starting nginx ...');
    this.nginx = await startNginx(
      this.options.nginx,
      dataDir,
      this.options.port,
      this.replicas.map((r) => r.port),
      (how) =>
        log(
          `nginx exited (${how}): the balancer is down, see ${dataDir}/logs; restart the cluster`,
        ),
    );

    this.assertNotStopping();
    this.control = await startControl(this.actions(), this.token);
    const file = this.describe();
    writeClusterFile(dataDir, file);
    return file;
  }

  /** Stops every part that runs, in reverse order of the start; safe to call more than once. */
  async stop(): Promise<string[]> {
    if (this.stopping) return [];
    this.stopping = true;
    const said: string[] = [];
    // only ours: a start refused because another cluster runs there must leave that one's file
    if (this.control) removeClusterFile(this.options.dataDir);
    await this.control?.close();
    if (this.nginx) said.push(`nginx: ${await this.nginx.stop('SIGQUIT', 5_000)}`);
    const replicas = await Promise.all(this.replicas.map((r) => r.stop()));
    this.replicas.forEach((r, i) => said.push(`${r.name}: ${replicas[i]}`));
    if (this.databases) {
      await this.databases.standby.stop();
      said.push('standby: stopped');
      await this.databases.primary.stop();
      said.push('primary: stopped');
    }
    if (this.redis?.child) said.push(`redis: ${await this.redis.child.stop('SIGTERM', 5_000)}`);
    return said;
  }

  /** a stop during the start: the start goes no further (stop() ends what already runs) */
  private assertNotStopping(): void {
    if (this.stopping) throw new Error('stopped during the start');
  }

  private replica(name: string): Replica {
    const replica = this.replicas.find((r) => r.name === name);
    if (!replica) throw new Error(`no replica ${name}: ${REPLICAS.join(', ')}`);
    return replica;
  }

  private actions(): ClusterActions {
    return {
      status: () => ({
        ...this.describe(),
        control: { url: this.control?.url, token: '(hidden)' },
      }),
      killReplica: async (name) => {
        const how = await this.replica(name).kill();
        this.refreshFile();
        return how;
      },
      startReplica: async (name) => {
        await this.replica(name).start();
        this.refreshFile();
      },
      stopStandby: async () => {
        await this.databases!.standby.stop();
        this.refreshFile();
      },
      startStandby: async () => {
        await this.databases!.standby.start();
        this.refreshFile();
      },
    };
  }

  /** cluster.json again, with the pids of restarted parts */
  private refreshFile(): void {
    if (!this.stopping) writeClusterFile(this.options.dataDir, this.describe());
  }

  private describe(): ClusterFile {
    return {
      pid: process.pid,
      url: `http://127.0.0.1:${this.options.port}`,
      control: { url: this.control!.url, token: this.token },
      primaryUrl: this.databases!.url,
      standbyUrl: this.databases!.readUrl,
      redisUrl: this.redis!.url,
      replicas: this.replicas.map((r) => ({ name: r.name, url: r.url, pid: r.pid })),
      pids: {
        nginx: this.nginx?.running() ? this.nginx.pid : null,
        ...Object.fromEntries(this.replicas.map((r) => [r.name, r.pid])),
        redis: this.redis?.child?.running() ? this.redis.child.pid : null,
        primary: postmasterPid(this.databases!.primary.clusterDir),
        standby: postmasterPid(this.databases!.standby.clusterDir),
      },
    };
  }
}

/** The postmaster's pid, from the first line of its postmaster.pid; null when it is not running. */
function postmasterPid(clusterDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
