import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { Database, MIGRATIONS } from '@app/database';

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url)
    throw new Error('TEST_PG_SERVER_URL is not set: run the tests through jest (globalSetup)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The migrated template every test database is copied from, named after the migration list so a
 * new migration makes a new template. Created once, under an advisory lock.
 */
async function ensureTemplate(): Promise<string> {
  const hash = createHash('sha1')
    .update(MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 10);
  const template = `throughline_test_tpl_${hash}`;
  await admin(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      await client.query(`CREATE DATABASE ${template}_building`);
      const db = await Database.open(
        {
          databaseUrl: withDatabase(serverUrl(), `${template}_building`),
          dataDir: '',
          embeddedPgPort: 0,
        },
        quiet,
      );
      try {
        await db.migrate();
      } finally {
        await db.close();
      }
      await client.query(`ALTER DATABASE ${template}_building RENAME TO ${template}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return template;
}

/** A fresh, migrated database for one test file; its URL. */
export async function createTestDatabase(): Promise<string> {
  const template = await ensureTemplate();
  const name = `throughline_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return withDatabase(serverUrl(), name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith('throughline_test_')) throw new Error(`refusing to drop ${name}`);
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** An open Database on a fresh test database, for integration tests of services and SQL. */
export async function openTestDatabase(): Promise<{
  db: Database;
  url: string;
  close(): Promise<void>;
}> {
  const url = await createTestDatabase();
  const db = await Database.open({ databaseUrl: url, dataDir: '', embeddedPgPort: 0 }, quiet);
  return {
    db,
    url,
    close: async () => {
      await db.close();
      await dropTestDatabase(url);
    },
  };
}
