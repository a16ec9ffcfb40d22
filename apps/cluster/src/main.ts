import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Cluster } from './cluster.js';
import { findProgram, MISSING } from './programs.js';

/**
 * `npm run cluster`: the production topology on loopback (the primary, Redis, two API replicas
 * behind nginx), its data under DATA_DIR (default ./data/cluster); prints the URLs and runs until
 * Ctrl-C (SIGINT) or SIGTERM, then stops every part and exits 0. PORT is the balancer's (8080).
 */
async function main(): Promise<number> {
  const dataDir = resolve(process.env.DATA_DIR?.trim() || 'data/cluster');
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a whole number from 1 to 65535 (got "${process.env.PORT}")`);
    return 1;
  }
  const apiMain = resolve('dist/apps/api/src/main.js');
  if (!existsSync(apiMain)) {
    console.error(`build first: npm run build (${apiMain} is missing)`);
    return 1;
  }
  const nginx = findProgram('nginx');
  if (!nginx) {
    console.error(MISSING.nginx);
    return 1;
  }
  const redisUrl = process.env.REDIS_URL?.trim() || null;
  const redisServer = redisUrl ? null : findProgram('redis-server');
  if (!redisUrl && !redisServer) {
    console.error(MISSING['redis-server']);
    return 1;
  }

  const log = (m: string) => console.log(m);
  const cluster = new Cluster({
    dataDir,
    port,
    apiMain,
    nginx,
    redisServer,
    redisUrl,
    env: { ...process.env },
    log,
  });
  let stopped: Promise<number> | null = null;
  const stop = (why: string) =>
    (stopped ??= (async () => {
      log(`\n${why}: stopping the balancer, the replicas, then the databases and Redis ...`);
      for (const line of await cluster.stop()) log(`  ${line}`);
      log('cluster stopped');
      return 0;
    })());
  const onSignal = (signal: NodeJS.Signals) => void stop(`${signal} received`).then(process.exit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const file = await cluster.start();
    log('');
    log(`Throughline cluster running (data in ${dataDir}, logs in ${dataDir}/logs)`);
    log(
      `  balancer (nginx):  ${file.url}  (GraphQL at ${file.url}/graphql, the dashboard at ${file.url}/)`,
    );
    for (const replica of file.replicas) {
      log(`  ${replica.name}:            ${replica.url}  (pid ${replica.pid})`);
    }
    log(`  primary:           ${redacted(file.primaryUrl)}`);
    log(`  standby:           ${file.standbyUrl ? redacted(file.standbyUrl) : '(none)'}`);
    log(`  redis:             ${file.redisUrl}`);
    log(`  control:           ${file.control.url}  (token in ${dataDir}/cluster.json)`);
    log('  demo organization: demo@throughline.local / throughline-demo');
    log('Ctrl-C stops everything.');
  } catch (error) {
    console.error(
      `the cluster did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await stop('start failed');
    return 1;
  }
  return new Promise<number>(() => undefined); // runs until a signal
}

/** A database URL without its password, for the screen (cluster.json has it). */
function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
