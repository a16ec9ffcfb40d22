import type { Database } from '@app/database';

/** Tables of the strategy context, fingerprinted to prove a refused write changed nothing. */
const STRATEGY_TABLES = [
  'visions',
  'strategic_goals',
  'kpis',
  'kpi_check_ins',
  'cycles',
  'teams',
  'objectives',
  'key_results',
  'check_ins',
  'objective_links',
];

/** Row count and content hash of every strategy table of one organization. */
export function strategySnapshot(db: Database, organizationId: string) {
  return db.transaction({ organizationId }, async (em) => {
    const result: Record<string, string> = {};
    for (const table of STRATEGY_TABLES) {
      const [row] = await em.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS h FROM ${table} x`,
      );
      result[table] = `${row.n}:${row.h}`;
    }
    return result;
  });
}
