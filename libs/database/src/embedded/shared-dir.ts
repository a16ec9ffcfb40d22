import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseStartError } from '../start-error.js';
import { canReach, type RunAs } from './postgres-user.js';

/**
 * Where root keeps what the postgres system user must reach when the clone or DATA_DIR is private
 * to root: a copy of the binaries and the clusters of unreachable DATA_DIRs.
 */
export interface SharedDir {
  path: string;
}

/** /var/lib/throughline, else <tmpdir>/throughline (a read-only /var, a container without it). */
export function defaultSharedDirs(): string[] {
  return ['/var/lib/throughline', join(tmpdir(), 'throughline')];
}

/**
 * The first candidate that is (or can be made) a root-owned directory others cannot write to and
 * the PostgreSQL user can traverse. Existing directories are never re-permissioned: one that is
 * not safe or not reachable is skipped.
 */
export async function sharedDir(runAs: RunAs, candidates: string[]): Promise<SharedDir> {
  const tried: string[] = [];
  for (const path of candidates) {
    try {
      const created = mkdirSync(path, { recursive: true, mode: 0o755 });
      if (created !== undefined) chmodSync(path, 0o755); // whatever the umask made of it
      const stat = lstatSync(path);
      if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
        tried.push(`${path} (not a directory owned by root and writable only by it)`);
        continue;
      }
      if (!(await canReach(runAs, path, 'x'))) {
        tried.push(`${path} (not reachable for the postgres user)`);
        continue;
      }
      return { path };
    } catch (error) {
      tried.push(`${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  throw new DatabaseStartError(
    'UNREACHABLE',
    'embedded PostgreSQL: the postgres system user cannot reach the binaries or DATA_DIR, and ' +
      `no shared directory is usable for it: ${tried.join(', ')}. Clone the repository and set ` +
      'DATA_DIR where the postgres user can reach them, or set DATABASE_URL.',
  );
}
