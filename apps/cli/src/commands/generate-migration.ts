import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { pendingSchemaChanges } from '@app/database';

/** Writes libs/database/src/migrations/<timestamp>-<name>.ts; returns a message for the operator. */
export async function generateMigration(dataSource: DataSource, name: string): Promise<string> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return 'the name must be kebab-case, e.g. add-snapshots';
  const { up, down } = await pendingSchemaChanges(dataSource);
  if (up.length === 0) return 'the entities match the migrations: nothing to generate';
  const timestamp = Date.now();
  const className =
    name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) + timestamp;
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  const file = join('libs/database/src/migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down.reverse())}
  }
}
`,
  );
  return `wrote ${file}: add ${className} to MIGRATIONS in libs/database/src/migrations/index.ts`;
}
