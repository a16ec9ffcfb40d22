import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { startChild, type Child } from './child.js';
import { freePort } from '@app/common';
import { until } from './waits.js';

export interface ClusterRedis {
  url: string;
  /** null: a Redis of REDIS_URL, not ours to stop */
  child: Child | null;
}

/**
 * A Redis of the cluster's own: the system's redis-server on a free loopback port, without
 * persistence (no RDB snapshots, no append-only file): what the replicas keep there (rate-limit
 * counters, pub/sub) is worth nothing after a stop. Resolves once it answers PING.
 */
export async function startRedis(
  program: string,
  dataDir: string,
  onUnexpectedExit: (how: string) => void,
): Promise<ClusterRedis> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = startChild(
    'redis',
    program,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--dir',
      dir,
      '--logfile',
      '',
    ],
    join(dataDir, 'logs', 'redis.log'),
    { onUnexpectedExit },
  );
  await until('PONG', () => pings(port), 10_000, child);
  return { url: `redis://127.0.0.1:${port}`, child };
}

function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
