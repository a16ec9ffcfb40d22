import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readClusterFile } from '../cluster-file.js';
import { disturb, NO_TIME, type DisturbanceKind } from './disturbances.js';
import { dashboardDocuments } from './documents.js';
import { figuresOf, type OperationFigures } from './figures.js';
import { DASHBOARD_OPERATIONS, FLOOR_MIX, MIX } from './operations.js';
import { printFloor, printReport } from './report.js';
import { runLoad } from './runner.js';
import { prepare } from './setup.js';
import { verify } from './verify.js';

/**
 * `npm run load`: against a running `npm run cluster` (found through DATA_DIR/cluster.json),
 * first the machine's floor (`--floor-seconds` of the cheapest authenticated read alone), then
 * `--clients` closed-loop clients for `--seconds` send the dashboard's reads, check-ins, ticket
 * upserts and signed Jira webhooks through the balancer, while one replica is killed and
 * restarted and the standby stopped and started. Then every acknowledged write is looked for on
 * the primary, and the figures printed. Exits 1 when an acknowledged write is missing or a
 * disturbance could not be carried out.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: process.env.LOAD_SECONDS ?? '60' },
      clients: { type: 'string', default: process.env.LOAD_CLIENTS ?? '50' },
      disturb: { type: 'string', default: process.env.LOAD_DISTURB },
      'data-dir': { type: 'string', default: process.env.DATA_DIR?.trim() || 'data/cluster' },
      json: { type: 'string' },
      // how long the workers get to apply the webhooks still pending when the load ends
      'apply-wait': { type: 'string', default: '240' },
      // how long the floor is measured before the load (0: not at all)
      'floor-seconds': { type: 'string', default: '10' },
    },
  });
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const applyWait = Number(values['apply-wait']);
  const floorSeconds = Number(values['floor-seconds']);
  if (
    !(seconds > 0) ||
    !Number.isInteger(clients) ||
    clients < 1 ||
    !(applyWait >= 0) ||
    !(floorSeconds >= 0)
  ) {
    console.error(
      '--seconds must be a positive number, --clients a whole number of at least 1, --apply-wait and --floor-seconds numbers of seconds',
    );
    return 1;
  }
  const cluster = readClusterFile(resolve(values['data-dir']));
  const kinds = disturbanceKinds(values.disturb, cluster.standbyUrl !== null);

  const run = Date.now().toString(36).slice(-6);
  const machine = `${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the start`;
  console.log(`Load: ${clients} clients for ${seconds} s against ${cluster.url} (${machine})`);
  console.log(
    `mix per client: ${MIX.join(', ')}; disturbances: ${kinds.length ? kinds.join(', ') : 'none'}`,
  );
  const targets = await prepare(cluster.url, run);
  const documents = dashboardDocuments(DASHBOARD_OPERATIONS);

  // The machine's floor first, alone: what the cheapest authenticated read costs at this many
  // clients bounds what the dashboard's reads can cost here, whatever the code does.
  let floor: OperationFigures | null = null;
  if (floorSeconds > 0) {
    const measured = await runLoad(
      cluster.url,
      clients,
      floorSeconds,
      run,
      targets,
      documents,
      performance.now(),
      FLOOR_MIX,
    );
    floor = figuresOf(measured.samples, measured.elapsed, []).operations.find(
      (o) => o.name === 'all',
    )!;
    printFloor(floor, clients, measured.elapsed);
  }

  const origin = performance.now();
  const [load, disturbances] = await Promise.all([
    runLoad(cluster.url, clients, seconds, run, targets, documents, origin),
    disturb(cluster.control, kinds, seconds, origin),
  ]);
  console.log(
    `load done in ${load.elapsed.toFixed(1)} s; looking for the acknowledged writes on the primary ...`,
  );
  const verification = await verify(
    cluster.primaryUrl,
    targets.organizationId,
    targets.source.id,
    load.acknowledged,
    applyWait * 1000,
  );
  const figures = figuresOf(load.samples, load.elapsed, disturbances);
  printReport(figures, verification, disturbances, floor);
  const lost = verification.missing.length;
  const failedDisturbances = disturbances.filter((d) => d.problem && d.problem !== NO_TIME);
  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        { seconds: load.elapsed, clients, machine, floor, figures, verification, disturbances },
        null,
        2,
      ),
    );
  }
  return lost > 0 || failedDisturbances.length > 0 ? 1 : 0;
}

function disturbanceKinds(option: string | undefined, hasStandby: boolean): DisturbanceKind[] {
  if (option === undefined) return hasStandby ? ['replica', 'standby'] : ['replica'];
  if (option.trim() === '' || option === 'none') return [];
  const kinds = option.split(',').map((k) => k.trim());
  for (const kind of kinds) {
    if (kind !== 'replica' && kind !== 'standby') {
      throw new Error(`--disturb takes replica, standby or none (got "${kind}")`);
    }
  }
  return kinds as DisturbanceKind[];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
