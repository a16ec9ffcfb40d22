import { existsSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A running PostgreSQL server (its postmaster process) found on a cluster directory. */
export interface Postmaster {
  pid: number;
  port: number | null;
}

const HAS_PROC = existsSync('/proc/self/cmdline');

/**
 * The postmaster serving `clusterDir`. Found among the processes (/proc), since postmaster.pid may
 * be stale (a killed run, a reboot) or corrupted; where /proc is missing, postmaster.pid is
 * trusted as pg_ctl trusts it.
 */
export function findPostmaster(clusterDir: string): Postmaster | null {
  const fromFile = readPidFile(clusterDir);
  if (!HAS_PROC) {
    return fromFile && isAlive(fromFile.pid) ? fromFile : null;
  }
  if (fromFile && isPostmasterOf(fromFile.pid, clusterDir)) return fromFile;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 0 || pid === fromFile?.pid) continue;
    const args = commandLine(pid);
    if (args && servesCluster(args, clusterDir)) return { pid, port: portArgument(args) };
  }
  return null;
}

/**
 * Removes a postmaster.pid that no running server owns (after a reboot its pid may belong to an
 * unrelated process; a truncated or corrupted file makes PostgreSQL refuse to start).
 */
export function removeStalePidFile(clusterDir: string, notice: (m: string) => void): void {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file) || findPostmaster(clusterDir)) return;
  notice(`removing a stale postmaster.pid in ${clusterDir} (no PostgreSQL server runs on it)`);
  rmSync(file, { force: true });
}

/**
 * The live Node process that started this postmaster and still runs it (its parent), other than
 * this one: the API server while the CLI opens "the same database the server uses". A killed
 * run's postmaster has been re-parented (to init or a subreaper) and has none.
 */
export function liveNodeOwner(postmaster: Postmaster): number | null {
  const owner = parentOf(postmaster.pid);
  if (owner === null || owner === process.pid || !isAlive(owner)) return null;
  return isNodeProcess(owner) ? owner : null;
}

/**
 * Stops a postmaster as `pg_ctl stop -m fast` does (SIGINT: roll back, disconnect, checkpoint),
 * then harder if it has not exited in time. Resolves once it is gone.
 */
export async function stopPostmaster(pid: number, fastMs = 30_000): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', fastMs],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ];
  for (const [signal, waitMs] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!isAlive(pid)) return;
  }
}

/** postmaster.pid: pid, data dir, start time, port, ... */
function readPidFile(clusterDir: string): Postmaster | null {
  try {
    const lines = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    return { pid, port: Number.isInteger(port) && port > 0 ? port : null };
  } catch {
    return null;
  }
}

function isPostmasterOf(pid: number, clusterDir: string): boolean {
  const args = commandLine(pid);
  return args !== null && servesCluster(args, clusterDir);
}

function servesCluster(args: string[], clusterDir: string): boolean {
  const at = args.indexOf('-D');
  return at >= 0 && /(^|\/)postgres$/.test(args[0] ?? '') && samePath(args[at + 1], clusterDir);
}

function portArgument(args: string[]): number | null {
  const at = args.indexOf('-p');
  const port = at >= 0 ? Number(args[at + 1]) : NaN;
  return Number.isInteger(port) && port > 0 ? port : null;
}

function commandLine(pid: number): string[] | null {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    // a zombie (exited, not yet reaped) has an empty command line
    return args[0] ? args : null;
  } catch {
    return null;
  }
}

function samePath(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  return resolve(a) === resolve(b) || real(a) === real(b);
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
  } catch {
    return null;
  }
}

function isNodeProcess(pid: number): boolean {
  const argv0 = commandLine(pid)?.[0] ?? '';
  return /(^|\/)node(js)?(\d+)?$/.test(argv0) || argv0 === process.execPath;
}

/** Whether `pid` runs; a zombie (exited, not yet reaped by its parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!HAS_PROC) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
