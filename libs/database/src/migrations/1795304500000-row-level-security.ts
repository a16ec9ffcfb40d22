import type { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'throughline_app';

/** Every table that carries organization_id (kept in step with TENANT_TABLES by a test). */
const TENANT_TABLES = [
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
  'sprints',
  'initiatives',
  'initiative_links',
  'tickets',
  'ticket_sprints',
  'ticket_links',
];

/**
 * Tenant isolation in the database: the app role (no superuser, no BYPASSRLS) sees and writes only
 * the rows of the organization set in `app.organization_id` inside its transaction. A cleared
 * setting yields no rows rather than an error. Users and organizations are the narrow exceptions:
 * a user sees itself and the members of the current organization; the sign-in path may read one
 * user by the e-mail it sets in `app.auth_email`.
 */
export class RowLevelSecurity1795304500000 implements MigrationInterface {
  name = 'RowLevelSecurity1795304500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
      IF current_user <> '${APP_ROLE}' AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
        EXECUTE 'GRANT ${APP_ROLE} TO ' || quote_ident(current_user);
      END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`,
    );
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${APP_ROLE}`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );

    await q.query(`CREATE FUNCTION app_current_org() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('app.organization_id', true), '')::uuid $$`);
    await q.query(`CREATE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON ${table}
        USING (organization_id = app_current_org())
        WITH CHECK (organization_id = app_current_org())`);
    }

    await q.query(`ALTER TABLE memberships ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE memberships FORCE ROW LEVEL SECURITY`);
    // A user also sees their own memberships elsewhere (to list and switch organizations).
    await q.query(`CREATE POLICY tenant_isolation ON memberships
      USING (organization_id = app_current_org() OR user_id = app_current_user())
      WITH CHECK (organization_id = app_current_org())`);

    await q.query(`ALTER TABLE organizations ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE organizations FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON organizations
      USING (id = app_current_org()
             OR id IN (SELECT organization_id FROM memberships WHERE user_id = app_current_user()))
      WITH CHECK (id = app_current_org())`);

    await q.query(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY users_visible ON users FOR SELECT
      USING (id = app_current_user()
             OR email = NULLIF(current_setting('app.auth_email', true), '')
             OR id IN (SELECT user_id FROM memberships WHERE organization_id = app_current_org()))`);
    await q.query(`CREATE POLICY users_sign_up ON users FOR INSERT WITH CHECK (true)`);
    await q.query(`CREATE POLICY users_self_update ON users FOR UPDATE
      USING (id = app_current_user()) WITH CHECK (id = app_current_user())`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES, 'memberships', 'organizations']) {
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    for (const policy of ['users_visible', 'users_sign_up', 'users_self_update']) {
      await q.query(`DROP POLICY IF EXISTS ${policy} ON users`);
    }
    await q.query(`ALTER TABLE users NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE users DISABLE ROW LEVEL SECURITY`);
    await q.query(`DROP FUNCTION IF EXISTS app_current_user()`);
    await q.query(`DROP FUNCTION IF EXISTS app_current_org()`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${APP_ROLE}`,
    );
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
