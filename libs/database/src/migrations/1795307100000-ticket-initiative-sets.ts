import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * tickets.initiative_set: each ticket's set of (initiative, weight), kept by the database on every
 * write to ticket_links, whatever code path makes it (statement-level triggers with transition
 * tables: one UPDATE per statement, not per row). The alignment report groups the tickets in scope
 * by it in one scan, with no join (docs/design.md 6).
 */
export class TicketInitiativeSets1795307100000 implements MigrationInterface {
  name = 'TicketInitiativeSets1795307100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD "initiative_set" text NOT NULL DEFAULT ''`);
    await q.query(`CREATE FUNCTION refresh_ticket_initiative_sets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock the tickets first: a concurrent link write to the same ticket then waits, and the
        -- UPDATE below (a new statement, a new snapshot) sees its committed links.
        PERFORM 1 FROM tickets t
          WHERE (t.organization_id, t.id) IN (SELECT organization_id, ticket_id FROM changed_links)
          ORDER BY t.id FOR UPDATE;
        UPDATE tickets t
           SET initiative_set = s.links
          FROM (SELECT c.organization_id, c.ticket_id,
                       COALESCE((SELECT string_agg(l.initiative_id::text || '=' || l.weight::text, ';' ORDER BY l.initiative_id)
                                   FROM ticket_links l
                                  WHERE l.organization_id = c.organization_id AND l.ticket_id = c.ticket_id), '') AS links
                  FROM (SELECT DISTINCT organization_id, ticket_id FROM changed_links) c) s
         WHERE t.organization_id = s.organization_id AND t.id = s.ticket_id AND t.initiative_set IS DISTINCT FROM s.links;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER ticket_links_inserted AFTER INSERT ON ticket_links
      REFERENCING NEW TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION refresh_ticket_initiative_sets()`);
    await q.query(`CREATE TRIGGER ticket_links_updated AFTER UPDATE ON ticket_links
      REFERENCING NEW TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION refresh_ticket_initiative_sets()`);
    await q.query(`CREATE TRIGGER ticket_links_deleted AFTER DELETE ON ticket_links
      REFERENCING OLD TABLE AS changed_links FOR EACH STATEMENT EXECUTE FUNCTION refresh_ticket_initiative_sets()`);
    await q.query(`UPDATE tickets t SET initiative_set = s.links
      FROM (SELECT organization_id, ticket_id,
                   string_agg(initiative_id::text || '=' || weight::text, ';' ORDER BY initiative_id) AS links
              FROM ticket_links GROUP BY organization_id, ticket_id) s
     WHERE t.organization_id = s.organization_id AND t.id = s.ticket_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER ticket_links_deleted ON ticket_links`);
    await q.query(`DROP TRIGGER ticket_links_updated ON ticket_links`);
    await q.query(`DROP TRIGGER ticket_links_inserted ON ticket_links`);
    await q.query(`DROP FUNCTION refresh_ticket_initiative_sets()`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "initiative_set"`);
  }
}
