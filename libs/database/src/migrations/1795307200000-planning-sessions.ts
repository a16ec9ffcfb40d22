import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Planning sessions (docs/design.md 3): lineage of carried-forward objectives and key results, the
 * immutable baseline stored when a cycle is locked, and the scope changes made to a locked cycle's
 * plan afterwards. The scope changes are written by row-level triggers on the plan's tables, so
 * every write path (API, plan files, CLI, SQL) records them, each with app.user_id and the time.
 */
export class PlanningSessions1795307200000 implements MigrationInterface {
  name = 'PlanningSessions1795307200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE "cycle_baselines" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "cycle_id" uuid NOT NULL, "tree" jsonb NOT NULL, "links" jsonb NOT NULL, "estimates" jsonb NOT NULL, "projected" jsonb NOT NULL, "locked_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9042dc8ab8950f7555fb4bcdca" PRIMARY KEY ("organization_id", "id"))',
    );
    await q.query(
      'CREATE UNIQUE INDEX "IDX_1a7b0e6cf1b08def8785e6ef4d" ON "cycle_baselines"  ("organization_id", "cycle_id") ',
    );
    await q.query(
      'CREATE TABLE "scope_changes" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "cycle_id" uuid NOT NULL, "entity" text NOT NULL, "entity_key" text NOT NULL, "operation" text NOT NULL, "before" jsonb, "after" jsonb, "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_03bb48acefa9524bf3d227527e" CHECK ("operation" IN (\'INSERT\', \'UPDATE\', \'DELETE\')), CONSTRAINT "CHK_05f54b026ab141ff12cc190a08" CHECK ("entity" IN (\'OBJECTIVE\', \'KEY_RESULT\', \'OBJECTIVE_LINK\', \'INITIATIVE_LINK\', \'INITIATIVE\')), CONSTRAINT "PK_caa5b01e925ef5a0bd3e8ee972a" PRIMARY KEY ("organization_id", "id"))',
    );
    await q.query(
      'CREATE INDEX "IDX_f186f91b22b553bb2ccd856a70" ON "scope_changes"  ("organization_id", "cycle_id", "changed_at") ',
    );
    await q.query('ALTER TABLE "objectives" ADD "origin_objective_id" uuid');
    await q.query('ALTER TABLE "key_results" ADD "origin_key_result_id" uuid');
    await q.query(
      'CREATE INDEX "IDX_698e195c2b8df89614f946c4d3" ON "objectives"  ("organization_id", "origin_objective_id") ',
    );
    await q.query(
      'CREATE INDEX "IDX_99bf39f8c39381248cb3138d8a" ON "key_results"  ("organization_id", "origin_key_result_id") ',
    );
    await q.query(
      'ALTER TABLE "objectives" ADD CONSTRAINT "FK_698e195c2b8df89614f946c4d3c" FOREIGN KEY ("organization_id", "origin_objective_id") REFERENCES "objectives"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "key_results" ADD CONSTRAINT "FK_99bf39f8c39381248cb3138d8a9" FOREIGN KEY ("organization_id", "origin_key_result_id") REFERENCES "key_results"("organization_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "cycle_baselines" ADD CONSTRAINT "FK_1a7b0e6cf1b08def8785e6ef4dd" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "cycle_baselines" ADD CONSTRAINT "FK_f422fc608fff9492dbc7c67b585" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "scope_changes" ADD CONSTRAINT "FK_076a1468395b9f8a172f37667f8" FOREIGN KEY ("organization_id", "cycle_id") REFERENCES "cycles"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(
      'ALTER TABLE "scope_changes" ADD CONSTRAINT "FK_8205346e13770074786759027f8" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await q.query(`ALTER TABLE "cycles" ADD "plan_revision" bigint NOT NULL DEFAULT '0'`);
    for (const table of ['cycle_baselines', 'scope_changes']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON ${table}
        USING (organization_id = app_current_org()) WITH CHECK (organization_id = app_current_org())`);
      // Immutable history: the app role may insert and read, never update or delete.
      await q.query(`GRANT SELECT, INSERT ON ${table} TO throughline_app`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM throughline_app`);
    }
    await q.query(SCOPE_CHANGE_FUNCTION);
    for (const [table, entity] of SCOPE_TABLES) {
      await q.query(`CREATE TRIGGER record_scope_change AFTER INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION record_scope_change('${entity}')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of SCOPE_TABLES) {
      await q.query(`DROP TRIGGER IF EXISTS record_scope_change ON ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS record_scope_change()`);
    await q.query(`DROP TABLE "scope_changes"`);
    await q.query(`DROP TABLE "cycle_baselines"`);
    await q.query(`ALTER TABLE "key_results" DROP CONSTRAINT "FK_99bf39f8c39381248cb3138d8a9"`);
    await q.query(`ALTER TABLE "objectives" DROP CONSTRAINT "FK_698e195c2b8df89614f946c4d3c"`);
    await q.query(`DROP INDEX "IDX_99bf39f8c39381248cb3138d8a"`);
    await q.query(`DROP INDEX "IDX_698e195c2b8df89614f946c4d3"`);
    await q.query(`ALTER TABLE "key_results" DROP COLUMN "origin_key_result_id"`);
    await q.query(`ALTER TABLE "objectives" DROP COLUMN "origin_objective_id"`);
    await q.query(`ALTER TABLE "cycles" DROP COLUMN "plan_revision"`);
  }
}

const SCOPE_TABLES = [
  ['objectives', 'OBJECTIVE'],
  ['key_results', 'KEY_RESULT'],
  ['objective_links', 'OBJECTIVE_LINK'],
  ['initiative_links', 'INITIATIVE_LINK'],
  ['initiatives', 'INITIATIVE'],
] as const;

/**
 * One row trigger for the five plan tables (TG_ARGV[0] names the entity). It bumps the plan revision
 * of the DRAFT and ACTIVE cycles the row belongs to (live views) and records a scope change only
 * when the row belongs to a locked cycle (ACTIVE with a baseline): an objective or initiative by
 * its cycle, a key result or objective link by its objective's cycle, an initiative link by the
 * cycle of the key result or objective it points to and of its initiative (before and after an
 * update, so moving a row out of a locked cycle is recorded too). Updates that change only
 * bookkeeping or measurements (updated_at, a key result's current value, confidence and score:
 * check-ins and scoring, not scope) are not scope changes.
 */
const SCOPE_CHANGE_FUNCTION = `CREATE FUNCTION record_scope_change() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    kind text := TG_ARGV[0];
    org uuid;
    old_row jsonb;
    new_row jsonb;
    ignored text[] := ARRAY['updated_at', 'current', 'confidence', 'score', 'score_note'];
    cycle_ids uuid[];
    row_key text;
    locked uuid;
  BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'organization_id'; org := OLD.organization_id; END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'organization_id'; org := NEW.organization_id; END IF;
    IF TG_OP = 'UPDATE' AND (old_row - ignored) = (new_row - ignored) THEN RETURN NULL; END IF;
    IF kind IN ('OBJECTIVE', 'INITIATIVE') THEN
      cycle_ids := ARRAY[(old_row->>'cycle_id')::uuid, (new_row->>'cycle_id')::uuid];
      row_key := COALESCE(new_row->>'key', old_row->>'key');
    ELSIF kind = 'KEY_RESULT' THEN
      SELECT array_agg(o.cycle_id) INTO cycle_ids FROM objectives o
       WHERE o.organization_id = org AND o.id IN ((old_row->>'objective_id')::uuid, (new_row->>'objective_id')::uuid);
      row_key := COALESCE(new_row->>'key', old_row->>'key');
    ELSIF kind = 'OBJECTIVE_LINK' THEN
      SELECT array_agg(o.cycle_id), min(o.key) INTO cycle_ids, row_key FROM objectives o
       WHERE o.organization_id = org AND o.id IN ((old_row->>'objective_id')::uuid, (new_row->>'objective_id')::uuid);
    ELSE
      SELECT array_agg(x.cycle_id) INTO cycle_ids FROM (
        SELECT o.cycle_id FROM objectives o
         WHERE o.organization_id = org AND o.id IN ((old_row->>'objective_id')::uuid, (new_row->>'objective_id')::uuid)
        UNION SELECT o.cycle_id FROM key_results k
          JOIN objectives o ON o.organization_id = k.organization_id AND o.id = k.objective_id
         WHERE k.organization_id = org AND k.id IN ((old_row->>'key_result_id')::uuid, (new_row->>'key_result_id')::uuid)
        UNION SELECT i.cycle_id FROM initiatives i
         WHERE i.organization_id = org AND i.id IN ((old_row->>'initiative_id')::uuid, (new_row->>'initiative_id')::uuid)) x;
      SELECT i.key INTO row_key FROM initiatives i
       WHERE i.organization_id = org AND i.id = COALESCE(new_row->>'initiative_id', old_row->>'initiative_id')::uuid;
    END IF;
    -- Live views: the plan of these cycles changed (see cycles.plan_revision).
    UPDATE cycles SET plan_revision = plan_revision + 1
     WHERE organization_id = org AND id = ANY(cycle_ids) AND state IN ('DRAFT', 'ACTIVE');
    FOR locked IN
      SELECT c.id FROM cycles c JOIN cycle_baselines b ON b.organization_id = c.organization_id AND b.cycle_id = c.id
       WHERE c.organization_id = org AND c.state = 'ACTIVE' AND c.id = ANY(cycle_ids)
    LOOP
      INSERT INTO scope_changes (organization_id, cycle_id, entity, entity_key, operation, before, after, changed_by)
      VALUES (org, locked, kind, COALESCE(row_key, ''), TG_OP, old_row, new_row, app_current_user());
    END LOOP;
    RETURN NULL;
  END $$`;
