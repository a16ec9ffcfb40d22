import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { removeEmbeddedCluster, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';
import { freePort } from '@app/common';

/**
 * A throwaway database for one benchmark run: on DATABASE_URL's server when set, else on an
 * embedded PostgreSQL in a temporary directory. Removed again by `drop()`.
 */
export async function throwawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  let embedded: EmbeddedDatabase | null = null;
  let dir: string | null = null;
  let server = process.env.DATABASE_URL ?? null;
  if (!server) {
    dir = mkdtempSync(join(tmpdir(), 'throughline-bench-'));
    embedded = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
    server = embedded.url;
  }
  const name = `throughline_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server! });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await embedded?.stop();
      if (dir) {
        removeEmbeddedCluster(join(dir, 'pg'));
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
