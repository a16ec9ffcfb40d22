import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per transaction that changed an organization's data, written by
 * statement-level triggers on every table people edit, whatever code path writes (API, CLI, plan
 * files, imports). The first statement's first row gives the entity and its before/after; later
 * statements of the same transaction only add to the changed-row count and the tables touched, so
 * an import of 100,000 tickets costs one small upsert per 2,000-row statement. The app role may
 * only read the log: the trigger function writes it as its owner (SECURITY DEFINER).
 */
export class AuditLog1795308300000 implements MigrationInterface {
  name = 'AuditLog1795308300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_log" ("organization_id" uuid NOT NULL, "id" BIGSERIAL NOT NULL, "tx_id" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "api_token_id" uuid, "operation" text NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid, "entity_key" text, "before" jsonb, "after" jsonb, "changed_rows" integer NOT NULL, "tables" text array NOT NULL, CONSTRAINT "CHK_26caa4acbead4277561a7112f6" CHECK ("action" IN ('INSERT', 'UPDATE', 'DELETE')), CONSTRAINT "PK_9ef6bb5cf9616ce08fa7f35b7f3" PRIMARY KEY ("organization_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6cb44812725807ee09bc6daed8" ON "audit_log"  ("organization_id", "user_id") `,
    );
    await q.query(
      `CREATE INDEX "IDX_bbfecf18ebaa2abd560ec95414" ON "audit_log"  ("organization_id", "entity_type", "entity_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_18068c750baca2d4f947ffb1c0" ON "audit_log"  ("organization_id", "tx_id") `,
    );
    await q.query(
      `ALTER TABLE "audit_log" ADD CONSTRAINT "FK_b75d568c6c9a9a8b44be80223dc" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await q.query(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_log FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY tenant_isolation ON audit_log
      USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
    // Never editable by the app: read only (the default privileges granted it everything).
    await q.query(`GRANT SELECT ON audit_log TO throughline_app`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM throughline_app`);

    await q.query(REDACT_FUNCTION);
    await q.query(AUDIT_FUNCTION);
    // Trigger functions cannot be called directly; nobody needs EXECUTE on them.
    await q.query(`REVOKE ALL ON FUNCTION audit_statement() FROM PUBLIC`);
    for (const [table, ...args] of AUDITED_TABLES) {
      const list = args.map((a) => `'${a}'`).join(', ');
      await q.query(`CREATE TRIGGER audit_inserted AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${list})`);
      await q.query(`CREATE TRIGGER audit_updated AFTER UPDATE ON ${table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${list})`);
      await q.query(`CREATE TRIGGER audit_deleted AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_statement(${list})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of AUDITED_TABLES) {
      for (const trigger of ['audit_inserted', 'audit_updated', 'audit_deleted']) {
        await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
      }
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_statement()`);
    await q.query(`DROP FUNCTION IF EXISTS audit_redact(jsonb)`);
    await q.query(`DROP TABLE "audit_log"`);
  }
}

/**
 * The tables people edit, each with the trigger's arguments: the entity type, the column that
 * identifies the entity, the column that names it ('' for none), then columns whose changes alone
 * are bookkeeping, not a mutation (an API token's last use). Snapshots, baselines and scope
 * changes are left out: they are immutable records written by operations that also change the
 * sprint or cycle, which is recorded.
 */
const AUDITED_TABLES: string[][] = [
  ['organizations', 'ORGANIZATION', 'id', 'slug'],
  ['users', 'USER', 'id', 'email'],
  ['memberships', 'MEMBERSHIP', 'user_id', ''],
  ['api_tokens', 'API_TOKEN', 'id', 'name', 'last_used_at'],
  ['visions', 'VISION', 'id', ''],
  ['strategic_goals', 'STRATEGIC_GOAL', 'id', 'key'],
  ['kpis', 'KPI', 'id', 'key'],
  ['kpi_check_ins', 'KPI_CHECK_IN', 'id', ''],
  ['cycles', 'CYCLE', 'id', 'key'],
  ['teams', 'TEAM', 'id', 'key'],
  ['objectives', 'OBJECTIVE', 'id', 'key'],
  ['key_results', 'KEY_RESULT', 'id', 'key'],
  ['check_ins', 'CHECK_IN', 'id', ''],
  ['objective_links', 'OBJECTIVE_LINK', 'id', ''],
  ['sprints', 'SPRINT', 'id', 'key'],
  ['initiatives', 'INITIATIVE', 'id', 'key'],
  ['initiative_links', 'INITIATIVE_LINK', 'id', ''],
  ['tickets', 'TICKET', 'id', 'external_key'],
  ['ticket_sprints', 'TICKET_SPRINT', 'ticket_id', ''],
  ['ticket_links', 'TICKET_LINK', 'ticket_id', ''],
];

/** A row as the audit keeps it: without its tenant and without anything secret. */
const REDACT_FUNCTION = `CREATE FUNCTION audit_redact(row_data jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE WHEN row_data IS NULL THEN NULL ELSE
      (SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(row_data)
        WHERE key <> 'organization_id' AND key !~ '(hash|secret|password|credential)')
    END $$`;

/**
 * One statement's changes into the transaction's audit row (keyed by organization and
 * txid_current()). Statements run by other triggers (derived columns, plan revisions, cascades:
 * pg_trigger_depth() > 1) belong to the change that caused them and are not counted; statements
 * that changed no row, and updates that changed only bookkeeping columns, leave no trace. Who and
 * what come from the transaction-local settings the app sets with the tenant (applyScope).
 */
const AUDIT_FUNCTION = `CREATE FUNCTION audit_statement() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DECLARE
    org uuid := NULLIF(current_setting('app.organization_id', true), '')::uuid;
    ignored text[] := CASE WHEN TG_NARGS > 3 THEN TG_ARGV[3:TG_NARGS - 1] ELSE ARRAY[]::text[] END;
    changed integer;
    old_row jsonb;
    new_row jsonb;
    entity jsonb;
  BEGIN
    IF org IS NULL OR pg_trigger_depth() > 1 THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
      SELECT count(*) INTO changed FROM new_rows;
      SELECT to_jsonb(r) INTO new_row FROM new_rows r LIMIT 1;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT count(*) INTO changed FROM old_rows;
      SELECT to_jsonb(r) INTO old_row FROM old_rows r LIMIT 1;
    ELSE
      IF cardinality(ignored) > 0 THEN
        SELECT count(*) INTO changed FROM (
          SELECT to_jsonb(r) - ignored FROM new_rows r
          EXCEPT ALL SELECT to_jsonb(r) - ignored FROM old_rows r) c;
      ELSE
        SELECT count(*) INTO changed FROM new_rows;
      END IF;
      -- the n-th rows of both transition tables are the same row before and after
      SELECT to_jsonb(r) INTO old_row FROM old_rows r LIMIT 1;
      SELECT to_jsonb(r) INTO new_row FROM new_rows r LIMIT 1;
    END IF;
    IF changed = 0 THEN RETURN NULL; END IF;
    entity := COALESCE(new_row, old_row);
    INSERT INTO audit_log AS a (organization_id, tx_id, user_id, api_token_id, operation, action,
                                entity_type, entity_id, entity_key, before, after, changed_rows, tables)
    VALUES (org, txid_current(),
            NULLIF(current_setting('app.user_id', true), '')::uuid,
            NULLIF(current_setting('app.api_token_id', true), '')::uuid,
            COALESCE(NULLIF(current_setting('app.operation', true), ''), 'unknown'),
            TG_OP, TG_ARGV[0], (entity->>TG_ARGV[1])::uuid, entity->>NULLIF(TG_ARGV[2], ''),
            audit_redact(old_row), audit_redact(new_row), changed, ARRAY[TG_TABLE_NAME::text])
    ON CONFLICT (organization_id, tx_id) DO UPDATE
      SET changed_rows = a.changed_rows + EXCLUDED.changed_rows,
          tables = CASE WHEN EXCLUDED.tables[1] = ANY(a.tables) THEN a.tables
                        ELSE a.tables || EXCLUDED.tables END,
          user_id = COALESCE(a.user_id, EXCLUDED.user_id),
          api_token_id = COALESCE(a.api_token_id, EXCLUDED.api_token_id);
    RETURN NULL;
  END $$`;
