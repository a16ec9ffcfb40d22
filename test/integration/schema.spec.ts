import { APP_ROLE, pendingSchemaChanges, TENANT_TABLES, type Database } from '@app/database';
import { openTestDatabase } from '../support/test-database.js';

/**
 * The schema as PostgreSQL sees it after the committed migrations: complete (the entities need no
 * further change), and shaped for tenant isolation (row-level security, tenant-leading keys and
 * indexes, composite foreign keys) as docs/design.md section 5 asks.
 */
describe('database schema', () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTestDatabase());
  });
  afterAll(() => close());

  /** Catalog queries, as the connecting (owner) role: the catalogs are not tenant data. */
  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    db.dataSource.query(query, params);

  it('the committed migrations match the entities', async () => {
    const { up } = await pendingSchemaChanges(db.dataSource);
    expect(up).toEqual([]);
    expect(await db.hasPendingMigrations()).toBe(false);
  });

  it('TENANT_TABLES lists exactly the tables with an organization_id', async () => {
    const rows = await sql<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'organization_id'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...TENANT_TABLES].sort());
    expect(TENANT_TABLES).toContain('memberships');
  });

  it('row-level security is enabled and forced on every tenant table, organizations and users', async () => {
    const tables = [...TENANT_TABLES, 'organizations', 'users'];
    const rows = await sql<{ relname: string; on: boolean; forced: boolean }>(
      `SELECT c.relname, c.relrowsecurity AS on, c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [tables],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...tables].sort());
    const unprotected = rows.filter((r) => !r.on || !r.forced).map((r) => r.relname);
    expect(unprotected).toEqual([]);
    // and each has at least one policy (RLS with no policy would hide everything, also from the app)
    const policies = await sql<{ tablename: string }>(
      `SELECT DISTINCT tablename FROM pg_policies WHERE schemaname = 'public'`,
    );
    expect(policies.map((p) => p.tablename).sort()).toEqual([...tables].sort());
  });

  it("every tenant table's primary key and indexes lead with organization_id", async () => {
    const rows = await sql<{ table: string; index: string; primary: boolean; first: string }>(
      `SELECT t.relname AS table, i.relname AS index, x.indisprimary AS primary, a.attname AS first
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE n.nspname = 'public' AND t.relname = ANY($1)`,
      [[...TENANT_TABLES]],
    );
    // Every tenant table has a primary key.
    expect(
      rows
        .filter((r) => r.primary)
        .map((r) => r.table)
        .sort(),
    ).toEqual([...TENANT_TABLES].sort());
    const offenders = rows
      .filter((r) => r.first !== 'organization_id')
      .map((r) => `${r.table}.${r.index} (${r.first ?? 'expression'})`);
    // The one documented exception: memberships(user_id), for "my organizations" at sign-in.
    expect(offenders).toEqual([expect.stringMatching(/^memberships\..* \(user_id\)$/)]);
  });

  it('every foreign key between tenant tables is composite and includes organization_id', async () => {
    const rows = await sql<{
      name: string;
      from: string;
      to: string;
      cols: string[];
      refs: string[];
    }>(
      `SELECT c.conname AS name, f.relname AS from, t.relname AS to,
              (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
              (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refs
         FROM pg_constraint c
         JOIN pg_class f ON f.oid = c.conrelid
         JOIN pg_class t ON t.oid = c.confrelid
        WHERE c.contype = 'f' AND f.relname = ANY($1) AND t.relname = ANY($1)`,
      [[...TENANT_TABLES]],
    );
    // The tree has many such keys (objectives -> cycles, key_results -> objectives, links, ...).
    expect(rows.length).toBeGreaterThan(15);
    const offenders = rows
      .filter((r) => {
        const at = r.cols.indexOf('organization_id');
        return r.cols.length < 2 || at < 0 || r.refs[at] !== 'organization_id';
      })
      .map((r) => `${r.from}.${r.name} (${r.cols.join(', ')}) -> ${r.to}(${r.refs.join(', ')})`);
    expect(offenders).toEqual([]);
  });

  it('the app works as a role without superuser or BYPASSRLS', async () => {
    const inside = await db.transaction({ organizationId: null }, (em) =>
      em.query(
        `SELECT current_user AS role, r.rolsuper AS super, r.rolbypassrls AS bypass
           FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(inside).toEqual([{ role: APP_ROLE, super: false, bypass: false }]);
    expect(APP_ROLE).toBe('throughline_app');
  });

  it('the role and organization settings end with the transaction', async () => {
    const after = await sql<{ role: string; org: string | null }>(
      `SELECT current_user AS role, NULLIF(current_setting('app.organization_id', true), '') AS org`,
    );
    expect(after[0].role).not.toBe(APP_ROLE);
    expect(after[0].org).toBeNull();
  });
});
