import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { TestApp } from '../support/test-app.js';

/**
 * schema.gql at the repository root is committed so clients can generate types from it. This test
 * keeps it equal to the schema the running API serves (sorted, as the app sorts it);
 * `npm run schema` (UPDATE_SCHEMA=1) rewrites it instead of comparing.
 */
const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema.gql');
const OUT_OF_DATE = 'schema.gql is out of date: run npm run schema';

describe('the committed GraphQL schema file', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('matches the schema the API serves', () => {
    const live = `${printSchema(app.app.get(GraphQLSchemaHost).schema)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') {
      writeFileSync(SCHEMA_FILE, live);
      return;
    }
    if (!existsSync(SCHEMA_FILE)) throw new Error(`${OUT_OF_DATE} (the file is missing)`);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== live) throw new Error(`${OUT_OF_DATE}\n${firstDifference(committed, live)}`);
  });
});

/** Where the two texts first differ, so the failure says what changed without a full diff. */
function firstDifference(committed: string, live: string): string {
  const a = committed.split('\n');
  const b = live.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `first difference at line ${i + 1}:\n  schema.gql: ${a[i] ?? '<end of file>'}\n  live:       ${b[i] ?? '<end of file>'}`;
    }
  }
  return '';
}
