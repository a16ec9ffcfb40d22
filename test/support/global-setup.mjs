import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs } from './load-ts.mjs';

/**
 * One PostgreSQL server for the whole run: DATABASE_URL's server when set, else an embedded one in
 * a fresh temporary directory on a free port. Each test file then makes its own database from a
 * migrated template (see test-database.ts).
 */
export default async function globalSetup() {
  // Redis keys and channels of this run alone: the machine's Redis outlives a run, and a run
  // minutes earlier left an hour of sign-ups and failed log-ins from 127.0.0.1 in it
  process.env.REDIS_PREFIX = `throughline-test-${randomUUID().slice(0, 8)}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    const name = new URL(given).pathname.slice(1);
    if (!name.includes('test')) {
      throw new Error(
        `refusing to run tests against database "${name}": its name must contain "test"`,
      );
    }
    process.env.TEST_PG_SERVER_URL = given;
    return;
  }
  const embeddedPostgres = await importTs('libs/database/src/embedded-postgres.ts');
  // mkdtemp makes it 0700, as CI's clone in `mktemp -d` is: the embedded server finds its way
  // (as root, a cluster in a shared directory the postgres user can reach), never a chmod here
  const dataDir = mkdtempSync(join(tmpdir(), 'throughline-test-'));
  const embedded = await embeddedPostgres.startEmbeddedPostgres({
    dataDir: join(dataDir, 'pg'),
    port: await freePort(),
    notice: (message) => console.log(`embedded PostgreSQL for the tests: ${message}`),
  });
  process.env.TEST_PG_SERVER_URL = embedded.url;
  process.env.TEST_PG_DATA_DIR = dataDir;
  globalThis.__THROUGHLINE_PG__ = embedded;
  globalThis.__THROUGHLINE_PG_REMOVE__ = () =>
    embeddedPostgres.removeEmbeddedCluster(join(dataDir, 'pg'));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
