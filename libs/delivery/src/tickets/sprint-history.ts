import type { EntityManager } from 'typeorm';

/** A ticket's whole sprint history, oldest first: the last sprint is its current one. */
export interface SprintHistory {
  ticketId: string;
  sprintIds: string[];
}

/**
 * Histories a caller already holds in the database (a bulk import's staging table), as SQL: a
 * relation of (ticket_id uuid, sprint_ids uuid[]) named `r`, whose parameters are `params`,
 * numbered from $2 ($1 is the organization).
 */
export interface StagedSprintHistories {
  relation: string;
  params: unknown[];
  /**
   * A condition on `r` true for the tickets that may hold history already; the others (tickets
   * inserted by this write) have none to delete. Default: all.
   */
  stored?: string;
  /**
   * The caller's own write of these tickets already set current_sprint_id to the last sprint and
   * updated_at to now() (a bulk upsert): the update of the tickets has nothing left to do.
   */
  ticketsWritten?: boolean;
}

/**
 * THE one writer of sprint history, for one ticket or a chunk of thousands (three statements
 * whatever the number): each ticket's ticket_sprints rows are replaced (positions 0..n-1, oldest
 * first) and its current_sprint_id set to the last sprint, in the caller's transaction, so that
 * scope queries by current sprint and the history never disagree. The sprints must exist in the
 * organization (the callers check them; the foreign keys refuse the rest).
 */
export async function writeSprintHistories(
  em: EntityManager,
  organizationId: string,
  histories: SprintHistory[],
): Promise<void> {
  if (histories.length === 0) return;
  const json = JSON.stringify(
    histories.map((h) => ({ ticket_id: h.ticketId, sprint_ids: h.sprintIds })),
  );
  await writeStagedSprintHistories(em, organizationId, {
    relation: `jsonb_to_recordset($2::jsonb) AS r(ticket_id uuid, sprint_ids uuid[])`,
    params: [json],
  });
}

/** The same writer, for histories the caller staged in the database (see StagedSprintHistories). */
export async function writeStagedSprintHistories(
  em: EntityManager,
  organizationId: string,
  { relation, params, stored = 'true', ticketsWritten = false }: StagedSprintHistories,
): Promise<void> {
  await em.query(
    `DELETE FROM ticket_sprints ts USING ${relation}
      WHERE ts.organization_id = $1 AND ts.ticket_id = r.ticket_id AND (${stored})`,
    [organizationId, ...params],
  );
  await em.query(
    `INSERT INTO ticket_sprints (organization_id, ticket_id, sprint_id, position)
     SELECT $1, r.ticket_id, s.sprint_id, s.n - 1
       FROM ${relation}
       CROSS JOIN LATERAL unnest(r.sprint_ids) WITH ORDINALITY AS s(sprint_id, n)`,
    [organizationId, ...params],
  );
  if (ticketsWritten) return;
  // Like any write of the ticket, this bumps updated_at; rows already right and already written
  // in this transaction (now() is its start) are left alone, so a bulk upsert that set both
  // costs no second row version.
  await em.query(
    `UPDATE tickets t
        SET current_sprint_id = r.sprint_ids[cardinality(r.sprint_ids)], updated_at = now()
       FROM ${relation}
      WHERE t.organization_id = $1 AND t.id = r.ticket_id
        AND (t.current_sprint_id IS DISTINCT FROM r.sprint_ids[cardinality(r.sprint_ids)]
             OR t.updated_at <> now())`,
    [organizationId, ...params],
  );
}
