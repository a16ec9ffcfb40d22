import type { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the database match the entities; empty when the committed
 * migrations are complete. Used by the migrations test and by `migration:generate`.
 */
export async function pendingSchemaChanges(
  dataSource: DataSource,
): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => withParams(q.query, q.parameters)),
    down: log.downQueries.map((q) => withParams(q.query, q.parameters)),
  };
}

function withParams(query: string, parameters: unknown[] | undefined): string {
  if (!parameters?.length) return query;
  return `${query} -- params: ${JSON.stringify(parameters)}`;
}
