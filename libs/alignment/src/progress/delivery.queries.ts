import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import { initiativeDelivery, NO_DELIVERY, type InitiativeDelivery } from '@app/domain';
import { COUNTED_TICKET, ticketPointsSql } from '../report/counted-tickets.sql.js';

/**
 * docs/design.md 2.2 initiative delivery for many initiatives in one grouped statement: the points of
 * each initiative's tickets of any sprint, without cancelled, archived and sub-task tickets (a
 * sub-task's parent counts), unestimated ones at the organization's `unestimatedPoints`. A ticket
 * linked to two initiatives counts fully in each: delivery is about an initiative's own tickets,
 * not about where their effort flows.
 */
export async function initiativeDeliveries(
  em: EntityManager,
  initiativeIds: readonly string[],
  unestimatedPoints: number,
): Promise<Map<string, InitiativeDelivery>> {
  const out = new Map<string, InitiativeDelivery>();
  if (!initiativeIds.length) return out;
  const points = ticketPointsSql('$2');
  const rows: { id: string; done: number; in_progress: number; total: number }[] = await em.query(
    `SELECT l.initiative_id AS id,
            coalesce(sum(${points}) FILTER (WHERE t.status_category = 'DONE'), 0)::float8 AS done,
            coalesce(sum(${points}) FILTER (WHERE t.status_category = 'IN_PROGRESS'), 0)::float8 AS in_progress,
            sum(${points})::float8 AS total
       FROM ticket_links l JOIN tickets t ON t.organization_id = l.organization_id AND t.id = l.ticket_id
      WHERE l.organization_id = $3 AND l.initiative_id = ANY($1::uuid[])
        AND ${COUNTED_TICKET}
      GROUP BY l.initiative_id`,
    [initiativeIds, unestimatedPoints, organizationOf(em)],
  );
  for (const r of rows) {
    out.set(
      r.id,
      initiativeDelivery({
        donePoints: r.done,
        inProgressPoints: r.in_progress,
        totalPoints: r.total,
      }),
    );
  }
  for (const id of initiativeIds) if (!out.has(id)) out.set(id, NO_DELIVERY);
  return out;
}

/** A live initiative supporting a key result, with the weight of its link. */
export interface SupportLink {
  keyResultId: string;
  initiativeId: string;
  weight: number;
}

/**
 * The links from live initiatives (neither cancelled nor archived) to these key results, in one
 * statement: the output side of outcome vs output (cancelled work delivers nothing towards it).
 */
export async function supportLinks(
  em: EntityManager,
  keyResultIds: readonly string[],
): Promise<SupportLink[]> {
  if (!keyResultIds.length) return [];
  const rows: { key_result_id: string; initiative_id: string; weight: string }[] = await em.query(
    `SELECT l.key_result_id, l.initiative_id, l.weight::text AS weight
       FROM initiative_links l
       JOIN initiatives i ON i.organization_id = l.organization_id AND i.id = l.initiative_id
      WHERE l.organization_id = $2 AND l.key_result_id = ANY($1::uuid[])
        AND i.status <> 'CANCELLED' AND i.archived_at IS NULL
      ORDER BY l.key_result_id, l.initiative_id`,
    [keyResultIds, organizationOf(em)],
  );
  return rows.map((r) => ({
    keyResultId: r.key_result_id,
    initiativeId: r.initiative_id,
    weight: Number(r.weight),
  }));
}
