import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The path of a system program, looked up in PATH and in the sbin directories (Debian installs
 * nginx in /usr/sbin, which a non-root PATH often lacks); null when it is not installed.
 */
export function findProgram(name: string): string | null {
  const dirs = [
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    '/usr/local/sbin',
    '/usr/sbin',
    '/sbin',
  ];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/** What to install when a program is missing, in one line. */
export const MISSING: Record<'nginx' | 'redis-server', string> = {
  nginx:
    'nginx is not installed: the cluster balances its two API replicas with it. Install it ' +
    '(Debian/Ubuntu: apt-get install nginx); it runs as your user, on loopback, with its files under DATA_DIR.',
  'redis-server':
    'redis-server is not installed: the replicas share rate limits and subscription events through ' +
    'Redis. Install it (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL to a Redis you run.',
};
