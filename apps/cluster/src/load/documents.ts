import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { projectRoot } from '../../../../test/support/hostile/schema-walk.js';

/**
 * The dashboard's own operations, as it sends them: read from the documents graphql-codegen
 * generates from its sources (apps/dashboard/src/gql/graphql.ts, checked in CI to match them),
 * fragments included, so the load asks exactly what a browser on the dashboard asks.
 */
export function dashboardDocuments<const N extends string>(names: readonly N[]): Record<N, string> {
  const generated = readFileSync(join(projectRoot(), 'apps/dashboard/src/gql/graphql.ts'), 'utf8');
  const out = {} as Record<N, string>;
  for (const name of names) {
    const match = new RegExp(`^export const ${name}Document = (\\{.*\\}) as unknown as `, 'm').exec(
      generated,
    );
    if (!match) throw new Error(`the dashboard has no operation ${name} (apps/dashboard/src/gql)`);
    out[name] = print(JSON.parse(match[1]) as DocumentNode);
  }
  return out;
}
