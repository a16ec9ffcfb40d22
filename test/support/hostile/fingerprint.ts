import pg from 'pg';

/** Row count and a hash of every row, per table, of one organization. */
export type Fingerprint = Record<string, string>;

/**
 * Everything stored for one organization, read by the database owner around row-level security:
 * every table with an `organization_id` (so a table added later is covered without a change
 * here), the organization row, and its members' user rows. Any write to the organization shows
 * as a changed count or hash, even one that stores the same values (updated_at moves).
 */
export async function fingerprint(
  databaseUrl: string,
  organizationId: string,
): Promise<Fingerprint> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'organization_id'
        ORDER BY table_name`,
    );
    const out: Fingerprint = {};
    const hash = async (name: string, sql: string) => {
      const { rows } = await client.query<{ n: string; h: string }>(sql, [organizationId]);
      out[name] = `${rows[0].n} rows, ${rows[0].h}`;
    };
    for (const { table_name } of tables.rows) {
      await hash(
        table_name,
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h
           FROM "${table_name}" t WHERE organization_id = $1`,
      );
    }
    await hash(
      'organizations',
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h
         FROM organizations t WHERE id = $1`,
    );
    await hash(
      'users (members)',
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h
         FROM users t WHERE id IN (SELECT user_id FROM memberships WHERE organization_id = $1)`,
    );
    return out;
  } finally {
    await client.end();
  }
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => before[n] !== after[n])
    .map((n) => `${n} (${before[n]} -> ${after[n]})`);
}
