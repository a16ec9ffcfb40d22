import 'reflect-metadata';
import { Command } from 'commander';
import { loadEnv } from '@app/config';
import { Database } from '@app/database';
import { generateMigration } from './commands/generate-migration.js';

/**
 * The operator CLI. Every command opens the same database the server uses (DATABASE_URL, or the
 * embedded one in DATA_DIR), prints what it did, and exits non-zero with a clear message on failure.
 */
const program = new Command('throughline').description('Throughline operator commands');

const stderrLog = {
  log: (m: string) => console.error(m),
  warn: (m: string) => console.error(m),
  error: (m: string) => console.error(m),
};

async function withDatabase(work: (db: Database) => Promise<void>): Promise<void> {
  const db = await Database.open(loadEnv(), stderrLog);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

program
  .command('migrate')
  .description('apply pending migrations (under an advisory lock)')
  .action(() =>
    withDatabase(async (db) => {
      const ran = await db.migrate();
      console.log(ran.length ? `applied ${ran.join(', ')}` : 'the schema is up to date');
    }),
  );

program
  .command('migration:generate <name>')
  .description('write a migration with the SQL that makes the database match the entities')
  .action((name: string) =>
    withDatabase(async (db) => {
      await db.migrate();
      console.log(await generateMigration(db.dataSource, name));
    }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
