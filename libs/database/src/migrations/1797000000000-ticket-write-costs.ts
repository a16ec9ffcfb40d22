import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two costs of every ticket write (docs/decisions.md "Ticket writes at COPY speed").
 *
 * ticket_sprints and ticket_links lose their single-column foreign key to organizations: each row
 * also has the composite key (organization_id, ticket_id) to tickets, whose own key to
 * organizations holds, so the organization of every such row exists already, and deleting it
 * still removes them (it deletes the tickets, whose deletion cascades here). The dropped keys
 * guaranteed nothing more; they cost one row-by-row check per sprint-history row and link.
 *
 * The ticket_links triggers find the changed tickets by index (their ids as an array), whatever
 * the planner's statistics say: the semi-join they ran could be planned, from statistics that
 * predate a big write, as a nested loop that scanned every changed link once per ticket of the
 * organization (a second organization's first import of 100,000 rows ran into the statement
 * timeout). They lock and rewrite only the tickets whose set the change alters: a ticket whose
 * stored set is already right (a new ticket inserted with its set) needs neither, and a
 * concurrent writer of its links recomputes the set under its own lock.
 */
export class TicketWriteCosts1797000000000 implements MigrationInterface {
  name = 'TicketWriteCosts1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_sprints" DROP CONSTRAINT "FK_56d651506e40da0d2f54edddc3e"`);
    await q.query(`ALTER TABLE "ticket_links" DROP CONSTRAINT "FK_e49047b7c6144acdf9a91dd3552"`);
    await q.query(`CREATE OR REPLACE FUNCTION refresh_ticket_initiative_sets() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        orgs uuid[] := ARRAY(SELECT DISTINCT organization_id FROM changed_links);
        ids uuid[] := ARRAY(SELECT DISTINCT ticket_id FROM changed_links);
        stale uuid[];
      BEGIN
        -- Ids from several organizations (only a superuser's statement can hold them) may match a
        -- ticket of another of them: its set is recomputed too, which is never wrong.
        -- Lock the tickets whose set changes first, in id order: a concurrent link write to the
        -- same ticket then waits, and the UPDATE below (a new statement, a new snapshot) sees its
        -- committed links. NO KEY UPDATE: the foreign-key checks of concurrent link inserts hold
        -- KEY SHARE on these tickets.
        SELECT array_agg(id) INTO stale FROM (
          SELECT t.id FROM tickets t
           WHERE t.organization_id = ANY (orgs) AND t.id = ANY (ids)
             AND t.initiative_set IS DISTINCT FROM COALESCE((
                   SELECT string_agg(l.initiative_id::text || '=' || l.weight::text, ';' ORDER BY l.initiative_id)
                     FROM ticket_links l
                    WHERE l.organization_id = t.organization_id AND l.ticket_id = t.id), '')
           ORDER BY t.id FOR NO KEY UPDATE) s;
        IF stale IS NULL THEN RETURN NULL; END IF;
        UPDATE tickets t
           SET initiative_set = COALESCE((
                 SELECT string_agg(l.initiative_id::text || '=' || l.weight::text, ';' ORDER BY l.initiative_id)
                   FROM ticket_links l
                  WHERE l.organization_id = t.organization_id AND l.ticket_id = t.id), '')
         WHERE t.organization_id = ANY (orgs) AND t.id = ANY (stale)
           AND t.initiative_set IS DISTINCT FROM COALESCE((
                 SELECT string_agg(l.initiative_id::text || '=' || l.weight::text, ';' ORDER BY l.initiative_id)
                   FROM ticket_links l
                  WHERE l.organization_id = t.organization_id AND l.ticket_id = t.id), '');
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION refresh_ticket_initiative_sets() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Lock the tickets first: a concurrent link write to the same ticket then waits, and the
        -- UPDATE below (a new statement, a new snapshot) sees its committed links. NO KEY UPDATE:
        -- the foreign-key checks of concurrent link inserts hold KEY SHARE on these tickets.
        PERFORM 1 FROM tickets t
          WHERE (t.organization_id, t.id) IN (SELECT organization_id, ticket_id FROM changed_links)
          ORDER BY t.id FOR NO KEY UPDATE;
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
    await q.query(
      `ALTER TABLE "ticket_links" ADD CONSTRAINT "FK_e49047b7c6144acdf9a91dd3552" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ticket_sprints" ADD CONSTRAINT "FK_56d651506e40da0d2f54edddc3e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
