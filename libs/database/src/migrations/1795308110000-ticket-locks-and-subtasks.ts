import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two fixes on tickets.
 *
 * The ticket_links triggers locked the changed tickets FOR UPDATE, but the INSERT that fired them
 * already holds FOR KEY SHARE on the same tickets (its foreign-key check), and FOR UPDATE conflicts
 * with another transaction's FOR KEY SHARE: two concurrent links to one ticket each waited for the
 * other (deadlock 40P01). FOR NO KEY UPDATE still serializes the triggers with each other (and is
 * the lock their UPDATE takes anyway) but does not conflict with key-share locks.
 *
 * `tickets.subtask`: a sub-task carries no effort of its own (docs/design.md 1 and 2.1), decided by its
 * issue type (Sub-task / Subtask, any case) or by having a parent, whether or not the parent has
 * been imported yet. Written by every ticket write path with libs/domain `isSubTask`; the counted-
 * ticket filters test it instead of parent_ticket_id.
 */
export class TicketLocksAndSubtasks1795308110000 implements MigrationInterface {
  name = 'TicketLocksAndSubtasks1795308110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(refreshFunction('FOR NO KEY UPDATE'));
    await q.query(`ALTER TABLE "tickets" ADD "subtask" boolean NOT NULL DEFAULT false`);
    // The backfill bumps no version (the column is new: ticket edits are unchanged).
    await q.query(`ALTER TABLE "tickets" DISABLE TRIGGER bump_row_version`);
    await q.query(`UPDATE "tickets" SET "subtask" = true
      WHERE lower("type") IN ('sub-task', 'subtask') OR "parent_ticket_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "tickets" ENABLE TRIGGER bump_row_version`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "subtask"`);
    await q.query(refreshFunction('FOR UPDATE'));
  }
}

function refreshFunction(lock: string): string {
  return `CREATE OR REPLACE FUNCTION refresh_ticket_initiative_sets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock the tickets first: a concurrent link write to the same ticket then waits, and the
        -- UPDATE below (a new statement, a new snapshot) sees its committed links. NO KEY UPDATE:
        -- the foreign-key checks of concurrent link inserts hold KEY SHARE on these tickets.
        PERFORM 1 FROM tickets t
          WHERE (t.organization_id, t.id) IN (SELECT organization_id, ticket_id FROM changed_links)
          ORDER BY t.id ${lock};
        UPDATE tickets t
           SET initiative_set = s.links
          FROM (SELECT c.organization_id, c.ticket_id,
                       COALESCE((SELECT string_agg(l.initiative_id::text || '=' || l.weight::text, ';' ORDER BY l.initiative_id)
                                   FROM ticket_links l
                                  WHERE l.organization_id = c.organization_id AND l.ticket_id = c.ticket_id), '') AS links
                  FROM (SELECT DISTINCT organization_id, ticket_id FROM changed_links) c) s
         WHERE t.organization_id = s.organization_id AND t.id = s.ticket_id AND t.initiative_set IS DISTINCT FROM s.links;
        RETURN NULL;
      END $$`;
}
