import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ticket's content hash (docs/decisions.md "Unchanged tickets by their content hash"): what the
 * last ticket write stored, hashed by the writer (ticket-content-hash.ts), so that a re-import
 * recognises an unchanged ticket from the key lookup it does anyway, without staging it and
 * comparing it field by field with its sprint history and epic link.
 *
 * The hash is a promise that nothing it covers has changed since it was written, so anything
 * else that changes what it covers forgets it (sets it NULL; the next write then compares in full,
 * as before):
 * - an update of the ticket's own covered columns that keeps the hash (any writer but the ticket
 *   write, which sets a new hash with the new values): a BEFORE UPDATE trigger;
 * - a change of its sprint history or of its epic-derived link by anyone but the ticket write
 *   (which wrote the hash for exactly the history and link it writes): row triggers on
 *   ticket_sprints and ticket_links, which the ticket write turns off for its own statements
 *   with the transaction-local setting `throughline.ticket_write` (set and reset around them in
 *   ticket-upsert.service.ts; a savepoint's rollback restores it).
 * Forgetting is bookkeeping: it bumps no row version (bump_row_version leaves content_hash out)
 * and is no audit entry (statements of triggers are not audited, and the audit leaves out
 * columns named like hashes anyway).
 */
export class TicketContentHash1797200000000 implements MigrationInterface {
  name = 'TicketContentHash1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD "content_hash" text`);
    await q.query(bumpRowVersion(`- 'version' - 'updated_at' - 'content_hash'`));
    await q.query(`CREATE FUNCTION forget_changed_ticket_hash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.content_hash := NULL;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER forget_content_hash BEFORE UPDATE ON tickets FOR EACH ROW
      WHEN (OLD.content_hash IS NOT NULL AND NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash
            AND (NEW.external_id, NEW.title, NEW.type, NEW.labels, NEW.work_type, NEW.status_category,
                 NEW.raw_status, NEW.points, NEW.parent_key, NEW.subtask, NEW.archived_at)
                IS DISTINCT FROM
                (OLD.external_id, OLD.title, OLD.type, OLD.labels, OLD.work_type, OLD.status_category,
                 OLD.raw_status, OLD.points, OLD.parent_key, OLD.subtask, OLD.archived_at))
      EXECUTE FUNCTION forget_changed_ticket_hash()`);
    await q.query(`CREATE FUNCTION forget_ticket_hash_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed record;
      BEGIN
        IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
        UPDATE tickets SET content_hash = NULL
         WHERE organization_id = changed.organization_id AND id = changed.ticket_id
           AND content_hash IS NOT NULL;
        IF TG_OP = 'UPDATE' AND OLD.ticket_id IS DISTINCT FROM NEW.ticket_id THEN
          UPDATE tickets SET content_hash = NULL
           WHERE organization_id = OLD.organization_id AND id = OLD.ticket_id
             AND content_hash IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`);
    const others = `current_setting('throughline.ticket_write', true) IS DISTINCT FROM 'on'`;
    await q.query(`CREATE TRIGGER forget_ticket_hash AFTER INSERT OR UPDATE OR DELETE ON ticket_sprints
      FOR EACH ROW WHEN (${others}) EXECUTE FUNCTION forget_ticket_hash_of_row()`);
    await q.query(`CREATE TRIGGER forget_ticket_hash_inserted AFTER INSERT ON ticket_links
      FOR EACH ROW WHEN (${others} AND NEW.source = 'EPIC') EXECUTE FUNCTION forget_ticket_hash_of_row()`);
    await q.query(`CREATE TRIGGER forget_ticket_hash_updated AFTER UPDATE ON ticket_links
      FOR EACH ROW WHEN (${others} AND (OLD.source = 'EPIC' OR NEW.source = 'EPIC'))
      EXECUTE FUNCTION forget_ticket_hash_of_row()`);
    await q.query(`CREATE TRIGGER forget_ticket_hash_deleted AFTER DELETE ON ticket_links
      FOR EACH ROW WHEN (${others} AND OLD.source = 'EPIC') EXECUTE FUNCTION forget_ticket_hash_of_row()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER forget_ticket_hash_deleted ON ticket_links`);
    await q.query(`DROP TRIGGER forget_ticket_hash_updated ON ticket_links`);
    await q.query(`DROP TRIGGER forget_ticket_hash_inserted ON ticket_links`);
    await q.query(`DROP TRIGGER forget_ticket_hash ON ticket_sprints`);
    await q.query(`DROP FUNCTION forget_ticket_hash_of_row()`);
    await q.query(`DROP TRIGGER forget_content_hash ON tickets`);
    await q.query(`DROP FUNCTION forget_changed_ticket_hash()`);
    await q.query(bumpRowVersion(`- 'version' - 'updated_at'`));
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "content_hash"`);
  }
}

/** The row-version trigger function of 1795308100000-row-versions.ts, ignoring `ignored` keys. */
function bumpRowVersion(ignored: string): string {
  return `CREATE OR REPLACE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (to_jsonb(NEW) ${ignored}) IS DISTINCT FROM (to_jsonb(OLD) ${ignored}) THEN
          NEW.version := OLD.version + 1;
        ELSE
          NEW.version := OLD.version;
        END IF;
        RETURN NEW;
      END $$`;
}
