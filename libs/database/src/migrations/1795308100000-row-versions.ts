import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows a person edits (docs/design.md: optimistic locking on every such entity). */
const VERSIONED_TABLES = [
  'organizations',
  'memberships',
  'visions',
  'strategic_goals',
  'kpis',
  'cycles',
  'teams',
  'objectives',
  'key_results',
  'objective_links',
  'sprints',
  'initiatives',
  'initiative_links',
  'tickets',
  'ticket_links',
];

/**
 * Columns only triggers write, whose changes are not a person's edit: a cycle's plan revision
 * (bumped by record_scope_change) and a ticket's set of initiatives (kept by the ticket_links
 * triggers). An UPDATE that changes only them leaves the version alone.
 */
const BOOKKEEPING: Record<string, string> = {
  cycles: 'plan_revision',
  tickets: 'initiative_set',
};

/**
 * Optimistic locking: a `version` on every row a person edits, 1 when inserted and bumped by the
 * database on every UPDATE that changes something (a BEFORE UPDATE row trigger), whatever path
 * writes it: GraphQL, plan files, ticket imports, raw SQL. An UPDATE that changes nothing but
 * updated_at keeps the version, so an idempotent re-import leaves it alone. The scope-change
 * trigger ignores the version like the other bookkeeping columns.
 */
export class RowVersions1795308100000 implements MigrationInterface {
  name = 'RowVersions1795308100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (to_jsonb(NEW) - 'version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'updated_at') THEN
          NEW.version := OLD.version + 1;
        ELSE
          NEW.version := OLD.version;
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of VERSIONED_TABLES) {
      await q.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT 1`);
      const only = BOOKKEEPING[table];
      await q.query(`CREATE TRIGGER bump_row_version BEFORE UPDATE ON "${table}" FOR EACH ROW
        ${only ? `WHEN (OLD.${only} IS NOT DISTINCT FROM NEW.${only})` : ''}
        EXECUTE FUNCTION bump_row_version()`);
    }
    await q.query(SCOPE_CHANGE_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS_SCOPE_CHANGE_FUNCTION);
    for (const table of VERSIONED_TABLES) {
      await q.query(`DROP TRIGGER bump_row_version ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
    }
    await q.query(`DROP FUNCTION bump_row_version()`);
  }
}

/** record_scope_change of 1795307200000, with `version` among the ignored columns. */
const SCOPE_CHANGE_FUNCTION = `CREATE OR REPLACE FUNCTION record_scope_change() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    kind text := TG_ARGV[0];
    org uuid;
    old_row jsonb;
    new_row jsonb;
    ignored text[] := ARRAY['updated_at', 'version', 'current', 'confidence', 'score', 'score_note'];
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

/** As 1795307200000 created it. */
const PREVIOUS_SCOPE_CHANGE_FUNCTION = `CREATE OR REPLACE FUNCTION record_scope_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
