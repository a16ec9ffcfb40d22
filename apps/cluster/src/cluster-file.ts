import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR/cluster.json: what a running cluster tells its tools (`npm run load`, the test) about
 * itself. Readable by its owner only: it holds the database password and the control token.
 */
export interface ClusterFile {
  /** the cluster's own process */
  pid: number;
  /** the balancer: the one address clients use */
  url: string;
  /** the loopback control endpoint (kill and restart parts) and its bearer token */
  control: { url: string; token: string };
  /** the application database on the primary, as its superuser (for checks after a load) */
  primaryUrl: string;
  /** the same database on the standby, or null without one */
  standbyUrl: string | null;
  redisUrl: string;
  replicas: { name: string; url: string; pid: number | null }[];
  /** every process the cluster started, by name (to check that none is left after a stop) */
  pids: Record<string, number | null>;
}

export const clusterFilePath = (dataDir: string) => join(dataDir, 'cluster.json');

export function writeClusterFile(dataDir: string, file: ClusterFile): void {
  writeFileSync(clusterFilePath(dataDir), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

export function removeClusterFile(dataDir: string): void {
  rmSync(clusterFilePath(dataDir), { force: true });
}

/** The running cluster of DATA_DIR; a clear error when none runs there. */
export function readClusterFile(dataDir: string): ClusterFile {
  const path = clusterFilePath(dataDir);
  if (!existsSync(path)) {
    throw new Error(
      `no cluster runs on ${dataDir} (${path} is missing): start one with npm run cluster`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ClusterFile;
}
