import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ticket_links triggers lock the changed tickets before they recompute their sets of
 * initiatives. The lock's `(organization_id, id) IN (SELECT ... FROM changed_links)` let the
 * planner start from the organization's tickets whenever the statistics thought it had few (a
 * new organization, or one that grew since the last ANALYZE) and scan the statement's changed
 * links once per ticket: 5,000 epic links written into a new organization of a database of 1.2
 * million tickets took 27 s in the trigger alone, and past the 30 s statement timeout on a busy
 * machine. Ids as arrays (`id = ANY (...)`) were no cure: with the same estimate the planner
 * kept the array as a filter, read linearly for every ticket of the organization (1 s for 5,000
 * links among 20,000 tickets). Now the tickets are locked one by one by their primary key, in id
 * order as before: one index probe per changed ticket, whatever the statistics say.
 *
 * This replaces the function of 1797000000000-ticket-write-costs.ts (which locked only the
 * tickets whose set changes, found by arrays of ids: the same linear read under a stale estimate).
 * `down` restores the function both started from (1795308110000), which is correct, only slower.
 */
export class TicketSetLockByIndex1797050000000 implements MigrationInterface {
  name = 'TicketSetLockByIndex1797050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      refreshFunction(`FOR changed IN SELECT DISTINCT organization_id, ticket_id FROM changed_links ORDER BY ticket_id LOOP
          PERFORM 1 FROM tickets t WHERE t.organization_id = changed.organization_id AND t.id = changed.ticket_id
            FOR NO KEY UPDATE;
        END LOOP;`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      refreshFunction(`PERFORM 1 FROM tickets t
          WHERE (t.organization_id, t.id) IN (SELECT organization_id, ticket_id FROM changed_links)
          ORDER BY t.id FOR NO KEY UPDATE;`),
    );
  }
}

/** The trigger function of 1795308110000-ticket-locks-and-subtasks.ts with `lockTickets`. */
function refreshFunction(lockTickets: string): string {
  return `CREATE OR REPLACE FUNCTION refresh_ticket_initiative_sets() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed record;
      BEGIN
        -- Lock the tickets first: a concurrent link write to the same ticket then waits, and the
        -- UPDATE below (a new statement, a new snapshot) sees its committed links. NO KEY UPDATE:
        -- the foreign-key checks of concurrent link inserts hold KEY SHARE on these tickets.
        ${lockTickets}
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
