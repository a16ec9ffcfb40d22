import { existsSync, readFileSync } from 'node:fs';
import { killGroup } from './child.js';
import { clusterFilePath, removeClusterFile, type ClusterFile } from './cluster-file.js';

/** What each part's command line holds, so a reused pid of another program is never signalled. */
const COMMANDS: Record<string, string> = {
  nginx: 'nginx',
  'api-1': 'dist/apps/api/src/main.js',
  'api-2': 'dist/apps/api/src/main.js',
  redis: 'redis-server',
};

/**
 * Before a start on DATA_DIR: refuses when a cluster still runs there, and stops what a cluster
 * that was killed (SIGKILL, a crash: it could not stop its parts) left running, found through its
 * cluster.json. The databases are not in this list: the embedded PostgreSQL code finds and stops a
 * server left on its cluster directory by itself.
 */
export function stopLeftovers(dataDir: string, log: (m: string) => void): void {
  if (!existsSync(clusterFilePath(dataDir))) return;
  const file = JSON.parse(readFileSync(clusterFilePath(dataDir), 'utf8')) as ClusterFile;
  if (alive(file.pid) && commandLine(file.pid).includes('apps/cluster/src/main.js')) {
    throw new Error(`a cluster already runs on ${dataDir} (pid ${file.pid}): stop it first`);
  }
  for (const [name, pid] of Object.entries(file.pids)) {
    const command = COMMANDS[name];
    if (!command || pid === null || !alive(pid) || !commandLine(pid).includes(command)) continue;
    log(`stopping ${name} (pid ${pid}), left running by a cluster that was killed`);
    killGroup(pid);
  }
  removeClusterFile(dataDir);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}
