import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** A process the cluster started and owns: an API replica, Redis or nginx. */
export interface Child {
  name: string;
  pid: number;
  /** where its stdout and stderr go */
  logFile: string;
  running(): boolean;
  /** how it ended ('code 0', 'signal SIGKILL'), once it has */
  exited: Promise<string>;
  /** `signal`, then SIGKILL after `graceMs`; resolves once it has exited */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<string>;
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** called when it exits without stop() having been asked (a crash, a kill from outside) */
  onUnexpectedExit?: (how: string) => void;
}

/** Every child still running, for the synchronous last resort on 'exit'. */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) killGroup(pid);
});

/**
 * SIGKILL to a child's whole process group (it leads one): a master killed alone leaves its
 * workers (nginx's keep serving its port).
 */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/**
 * Starts `command` in a process group of its own, its output appended to `logFile`. Its own group,
 * so that a Ctrl-C in the terminal reaches only the cluster, which then stops the parts in order
 * (the balancer first, the database last) instead of all of them at once. The output goes to a
 * file, not through a pipe, so nothing blocks on a reader.
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  logFile: string,
  options: ChildOptions = {},
): Child {
  const fd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  let done = false;
  let stopping = false;
  const exited = new Promise<string>((resolve) => {
    const finish = (how: string) => {
      if (done) return;
      done = true;
      if (child.pid) live.delete(child.pid);
      if (!stopping) options.onUnexpectedExit?.(how);
      resolve(how);
    };
    child.once('error', (error) => finish(String(error)));
    child.once('exit', (code, signal) => finish(signal ? `signal ${signal}` : `code ${code}`));
  });
  if (child.pid) live.add(child.pid);
  return {
    name,
    pid: child.pid ?? -1,
    logFile,
    running: () => !done,
    exited,
    async stop(signal, graceMs) {
      stopping = true;
      if (done) return exited;
      if (signal === 'SIGKILL') killGroup(child.pid!);
      else child.kill(signal);
      const timer = setTimeout(() => killGroup(child.pid!), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
