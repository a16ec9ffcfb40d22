import type { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the database match the entities; empty when the committed
 * migrations are complete. Used by the migrations test and by `migration:generate`.
 */
export async function pendingSchemaChanges(
  dataSource: DataSource,
): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  const up = log.upQueries.map((q) => withParams(q.query, q.parameters));
  const down = log.downQueries.map((q) => withParams(q.query, q.parameters));
  const unchanged = await unchangedDefaults(dataSource, up);
  const touches = (query: string) => {
    const target = setDefaultTarget(query);
    return target !== null && unchanged.has(target);
  };
  return { up: up.filter((q) => !touches(q)), down: down.filter((q) => !touches(q)) };
}

function withParams(query: string, parameters: unknown[] | undefined): string {
  if (!parameters?.length) return query;
  return `${query} -- params: ${JSON.stringify(parameters)}`;
}

const SET_DEFAULT =
  /^ALTER TABLE "([^"]+)" ALTER COLUMN "([^"]+)" (?:SET DEFAULT (.+)|DROP DEFAULT)$/;

function setDefaultTarget(query: string): string | null {
  const match = SET_DEFAULT.exec(query);
  return match ? `${match[1]}.${match[2]}` : null;
}

/**
 * TypeORM strips `::type` casts from the database's column defaults before comparing them with the
 * entities, so a default written with a cast (`() => "'{}'::jsonb"`) always looks changed. Such a
 * "change" is noise exactly when the database already has that very default expression; those
 * columns are returned as `table.column`.
 */
async function unchangedDefaults(dataSource: DataSource, up: string[]): Promise<Set<string>> {
  const wanted = up
    .map((q) => SET_DEFAULT.exec(q))
    .filter((m): m is RegExpExecArray => m !== null && m[3] !== undefined)
    .map((m) => ({ table: m[1], column: m[2], expression: m[3] }));
  if (wanted.length === 0) return new Set();
  const rows: { target: string; expression: string | null }[] = await dataSource.query(
    `SELECT table_name || '.' || column_name AS target, column_default AS expression
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name || '.' || column_name = ANY($1)`,
    [wanted.map((w) => `${w.table}.${w.column}`)],
  );
  const current = new Map(rows.map((r) => [r.target, r.expression]));
  return new Set(
    wanted
      .filter((w) => current.get(`${w.table}.${w.column}`) === w.expression)
      .map((w) => `${w.table}.${w.column}`),
  );
}
