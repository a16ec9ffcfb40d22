import { join } from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/database';
import { freePort } from './waits.js';

/** The application's database on the primary (the replicas' DATABASE_URL). */
export const DATABASE_NAME = 'throughline';

export interface ClusterPrimary {
  server: EmbeddedDatabase;
  /** the application database, as the primary's superuser */
  url: string;
}

/**
 * The primary: the API's own embedded PostgreSQL (the bundled binaries, as root run as the
 * postgres user), its cluster in DATA_DIR/primary, kept between runs, on a free loopback port.
 */
export async function startPrimary(
  dataDir: string,
  notice: (m: string) => void,
): Promise<ClusterPrimary> {
  const server = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'primary'),
    port: await freePort(),
    notice,
  });
  return { server, url: await ensureDatabase(server.url, DATABASE_NAME) };
}
