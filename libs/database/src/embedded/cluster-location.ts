import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseStartError } from '../start-error.js';
import { canReach, type RunAs } from './postgres-user.js';
import { findPostmaster, liveNodeOwner, stopPostmaster } from './postmaster.js';
import type { SharedDir } from './shared-dir.js';

/**
 * Where the cluster of `DATA_DIR/postgres` lives: in place, or (as root, when the postgres user
 * cannot reach DATA_DIR) in a uniquely named directory of the shared directory that
 * `DATA_DIR/postgres` links to.
 */
export interface ClusterLocation {
  /** the directory PostgreSQL runs on */
  dir: string;
  /** DATA_DIR/postgres is a symbolic link to `dir` */
  linked: boolean;
}

/**
 * Linked clusters live in `<shared>/clusters/<id>/pgdata`, beside an `owner` file naming the
 * DATA_DIR/postgres that links to them. The id is new for every cluster, so a removed DATA_DIR
 * never finds its old cluster again: `rm -rf data` still means "start fresh".
 */
export async function locateCluster(
  dataDir: string,
  runAs: RunAs,
  shared: () => Promise<SharedDir>,
  notice: (m: string) => void,
): Promise<ClusterLocation> {
  const link = linkTarget(dataDir);
  if (link !== null) {
    if (existsSync(link)) return { dir: link, linked: true };
    notice(`the cluster ${dataDir} linked to (${link}) is gone: starting a fresh one`);
    rmSync(dataDir, { force: true });
  }
  if (runAs.uid === undefined) return { dir: dataDir, linked: false };

  const parent = dirname(dataDir);
  const hasCluster = existsSync(join(dataDir, 'PG_VERSION'));
  if (hasCluster ? await canReach(runAs, dataDir, 'w') : await canReach(runAs, parent, 'x')) {
    return { dir: dataDir, linked: false };
  }
  if (hasCluster) {
    throw new DatabaseStartError(
      'UNREACHABLE',
      `embedded PostgreSQL: ${dataDir} holds a cluster the postgres system user cannot reach (a ` +
        'parent directory is private to root). Move DATA_DIR where that user can reach it, or ' +
        'move that directory away to start fresh.',
    );
  }

  const base = join((await shared()).path, 'clusters');
  mkdirSync(base, { recursive: true, mode: 0o755 });
  await removeReplacedClusters(base, dataDir, notice);
  const home = join(base, `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  mkdirSync(home, { mode: 0o755 });
  chmodSync(home, 0o755);
  writeFileSync(join(home, 'owner'), `${resolve(dataDir)}\n`);
  const dir = join(home, 'pgdata');
  mkdirSync(dir, { mode: 0o700 });
  chownSync(dir, runAs.uid, runAs.gid!);
  if (existsSync(dataDir)) {
    try {
      rmdirSync(dataDir); // it is no link and holds no cluster: an empty directory is in the way
    } catch (error) {
      rmSync(home, { recursive: true, force: true });
      throw new DatabaseStartError(
        'UNREACHABLE',
        `embedded PostgreSQL: ${dataDir} holds files but no cluster, and the postgres system ` +
          'user cannot reach it (a parent directory is private to root). Move it away to start ' +
          'fresh.',
        { cause: error },
      );
    }
  }
  const temporary = `${dataDir}.link-${process.pid}`;
  symlinkSync(dir, temporary);
  renameSync(temporary, dataDir);
  notice(
    `the postgres system user cannot reach ${parent} (a parent directory is private to root), ` +
      `so the embedded PostgreSQL cluster lives in ${dir}, linked from ${dataDir}; removing ` +
      'DATA_DIR still starts fresh (the next start there removes the old cluster)',
  );
  return { dir, linked: true };
}

/** Where DATA_DIR/postgres links to, or null when it is no link. */
function linkTarget(dataDir: string): string | null {
  try {
    if (!lstatSync(dataDir).isSymbolicLink()) return null;
  } catch {
    return null;
  }
  return resolve(dirname(dataDir), readlinkSync(dataDir));
}

/**
 * Clusters an earlier start made for this same DATA_DIR/postgres that it no longer links to (it
 * was removed, and a fresh cluster is being made): a server a killed run left on one is stopped,
 * then the cluster is removed, unless a live server uses it or a sibling of DATA_DIR links to it
 * (`mv data data.old` rather than `rm -rf data`). Clusters of other DATA_DIRs are never touched:
 * theirs may just be on a volume that is not mounted.
 */
async function removeReplacedClusters(
  base: string,
  dataDir: string,
  notice: (m: string) => void,
): Promise<void> {
  for (const id of readdirSync(base)) {
    const home = join(base, id);
    const pgdata = join(home, 'pgdata');
    let owner: string;
    try {
      owner = readFileSync(join(home, 'owner'), 'utf8').trim();
    } catch {
      continue;
    }
    if (owner !== resolve(dataDir) || linkTarget(dataDir) === pgdata) continue;
    const running = findPostmaster(pgdata);
    if (running && liveNodeOwner(running) !== null) continue;
    if (running) {
      notice(`stopping a stale embedded PostgreSQL (pid ${running.pid}) on ${pgdata}`);
      await stopPostmaster(running.pid);
    }
    const renamed = siblingLinkingTo(dirname(dirname(dataDir)), pgdata);
    if (renamed) {
      notice(`keeping ${home}, an earlier cluster of ${dataDir}: ${renamed} links to it`);
      continue;
    }
    notice(`removing ${home}, the cluster of an earlier ${dataDir} that was removed`);
    rmSync(home, { recursive: true, force: true });
  }
}

/** `<parent>/<entry>/postgres` that links to `pgdata`, if any (a renamed DATA_DIR). */
function siblingLinkingTo(parent: string, pgdata: string): string | null {
  let entries: string[];
  try {
    entries = readdirSync(parent).slice(0, 10_000);
  } catch {
    return null;
  }
  for (const entry of entries) {
    const candidate = join(parent, entry, 'postgres');
    if (linkTarget(candidate) === pgdata) return candidate;
  }
  return null;
}

/** Removes DATA_DIR/postgres and, when it is a link, the cluster it links to (tests, resets). */
export function removeCluster(dataDir: string): void {
  const link = linkTarget(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  if (link && /\/clusters\/[^/]+\/pgdata$/.test(link)) {
    rmSync(dirname(link), { recursive: true, force: true });
  }
}
