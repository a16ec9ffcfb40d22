import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Child } from './child.js';

/**
 * Polls `check` until it holds. Fails with `what` when `timeoutMs` passes, or at once when `child`
 * exits meanwhile (its log file says why).
 */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  child?: Child,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && !child.running()) {
      throw new Error(
        `${child.name} exited (${await child.exited}) before ${what}: see ${child.logFile}`,
      );
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${child?.name ?? 'the cluster'}: no ${what} within ${timeoutMs / 1000} s` +
          (child ? `: see ${child.logFile}` : ''),
      );
    }
    await sleep(100);
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Whether GET `url` answers 200 within a second. */
export async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** The size of `file` now: where a restarted child's new lines begin. */
export function logSize(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/**
 * Whether `file` holds `text` after byte `from` (a child's log line that marks a step as done, in
 * this run of it: a restarted replica appends to the log of its earlier run).
 */
export function logHas(file: string, text: string, from = 0): boolean {
  if (!existsSync(file)) return false;
  const length = statSync(file).size - from;
  if (length <= 0) return false;
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, from);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8').includes(text);
}
