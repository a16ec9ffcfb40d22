import type { EntityManager } from 'typeorm';
import { hydrate, Initiative, KeyResult, organizationOf, Ticket } from '@app/database';
import { ticketEffortSql } from '../report/counted-tickets.sql.js';
import { scopeCondition, type ResolvedScope } from '../report/scope.js';

/** The part of the effort of the tickets with one set of links (tickets.initiative_set) that ends in a reason. */
export interface SetPart {
  initiativeSet: string;
  part: number;
}

/** The distinct sets of links (tickets.initiative_set) of the tickets in scope, in one statement. */
export async function initiativeSetsInScope(
  em: EntityManager,
  scope: ResolvedScope,
): Promise<string[]> {
  const params: unknown[] = [];
  const rows: { links: string }[] = await em.query(
    `SELECT DISTINCT t.initiative_set AS links FROM tickets t WHERE ${scopeCondition(scope, params)}`,
    params,
  );
  return rows.map((r) => r.links);
}

/**
 * For each reason, the tickets in scope carrying the most effort for it, largest first, in one
 * statement for every reason: each ticket weighs its effort (libs/domain ticketEffort) times the
 * part of its set of links that ends in the reason (`parts`, computed by libs/domain's flow, never
 * re-derived here), and each reason keeps its first `limit` (the order of a statement per reason:
 * reason effort, then external key).
 */
export async function unalignedTicketsByReason<R extends string>(
  em: EntityManager,
  scope: ResolvedScope,
  unestimatedPoints: number,
  parts: ReadonlyMap<R, readonly SetPart[]>,
  limit: number,
): Promise<Map<R, Ticket[]>> {
  const out = new Map<R, Ticket[]>([...parts.keys()].map((reason) => [reason, []]));
  const flat = [...parts].flatMap(([reason, list]) => list.map((p) => ({ reason, ...p })));
  if (!flat.length) return out;
  const params: unknown[] = [
    scope.measure === 'COUNT',
    unestimatedPoints,
    flat.map((p) => p.reason),
    flat.map((p) => p.initiativeSet),
    flat.map((p) => p.part),
  ];
  const sql = `SELECT * FROM (
                 SELECT t.*, f.reason AS gap_reason,
                        row_number() OVER (PARTITION BY f.reason
                                           ORDER BY f.part * ${ticketEffortSql('$1', '$2')} DESC, t.external_key) AS gap_rank
                   FROM tickets t
                   JOIN unnest($3::text[], $4::text[], $5::float8[]) AS f(reason, links, part)
                     ON f.links = t.initiative_set
                  WHERE ${scopeCondition(scope, params)}) ranked
                WHERE gap_rank <= ${limit}
                ORDER BY gap_reason, gap_rank`;
  const rows: (Record<string, unknown> & { gap_reason: R })[] = await em.query(sql, params);
  const tickets = hydrate(em, Ticket, rows);
  rows.forEach((row, i) => out.get(row.gap_reason)?.push(tickets[i]));
  return out;
}

/**
 * Key results of ACTIVE objectives in the ACTIVE cycle with nothing delivering towards them: no
 * link from a live (not cancelled, not archived) initiative, and no active objective cascading
 * from them (a cascaded key result is served by the child objective's work; if that has no
 * initiative, the child's own key results are listed instead).
 */
export async function unsupportedKeyResults(
  em: EntityManager,
  limit: number,
): Promise<KeyResult[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT kr.* FROM key_results kr
       JOIN objectives o ON o.organization_id = kr.organization_id AND o.id = kr.objective_id
       JOIN cycles c ON c.organization_id = o.organization_id AND c.id = o.cycle_id
      WHERE kr.organization_id = $1
        AND c.state = 'ACTIVE' AND o.status = 'ACTIVE' AND kr.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM initiative_links l
                          JOIN initiatives i ON i.organization_id = l.organization_id AND i.id = l.initiative_id
                         WHERE l.organization_id = kr.organization_id AND l.key_result_id = kr.id
                           AND i.status <> 'CANCELLED' AND i.archived_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM objective_links ol
                          JOIN objectives child ON child.organization_id = ol.organization_id AND child.id = ol.objective_id
                         WHERE ol.organization_id = kr.organization_id AND ol.key_result_id = kr.id
                           AND child.status = 'ACTIVE')
      ORDER BY kr.key LIMIT ${limit}`,
    [organizationOf(em)],
  );
  return hydrate(em, KeyResult, rows);
}

/** The non-archived key results of ACTIVE objectives in the ACTIVE cycle, by key. */
export async function activeCycleKeyResults(em: EntityManager): Promise<KeyResult[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT kr.* FROM key_results kr
       JOIN objectives o ON o.organization_id = kr.organization_id AND o.id = kr.objective_id
       JOIN cycles c ON c.organization_id = o.organization_id AND c.id = o.cycle_id
      WHERE kr.organization_id = $1
        AND c.state = 'ACTIVE' AND o.status = 'ACTIVE' AND kr.archived_at IS NULL
      ORDER BY kr.key`,
    [organizationOf(em)],
  );
  return hydrate(em, KeyResult, rows);
}

/** PLANNED or IN_PROGRESS initiatives (not archived) with no ticket in scope, by key. */
export async function idleInitiatives(
  em: EntityManager,
  scope: ResolvedScope,
  limit: number,
): Promise<Initiative[]> {
  const params: unknown[] = [scope.organizationId];
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT i.* FROM initiatives i
      WHERE i.organization_id = $1 AND i.status IN ('PLANNED', 'IN_PROGRESS') AND i.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM ticket_links l
                          JOIN tickets t ON t.organization_id = l.organization_id AND t.id = l.ticket_id
                         WHERE l.organization_id = i.organization_id AND l.initiative_id = i.id
                           AND ${scopeCondition(scope, params)})
      ORDER BY i.key LIMIT ${limit}`,
    params,
  );
  return hydrate(em, Initiative, rows);
}

/**
 * How fresh each ticket source is: files and the API by their `tickets.source` (the latest write
 * of any of their tickets), each live source by its own name (the newer of its last event and its
 * last sync, or its creation before either: docs/design.md 4.4).
 */
export async function sourceSyncs(
  em: EntityManager,
  limit: number,
): Promise<{ source: string; ticketSourceId: string | null; lastSyncedAt: Date | null }[]> {
  const rows: { source: string; id: string | null; last: Date | null }[] = await em.query(
    `SELECT * FROM (
       SELECT source, NULL::uuid AS id, max(last_synced_at) AS last FROM tickets
        WHERE organization_id = $1 AND source <> 'MANUAL' AND source_id IS NULL GROUP BY source
       UNION ALL
       SELECT s.name, s.id, COALESCE(GREATEST(s.last_sync_at,
                (SELECT max(m.at) FROM unnest(ARRAY['APPLIED', 'IGNORED', 'PENDING', 'DEAD']) AS st(state)
                   CROSS JOIN LATERAL (SELECT max(e.received_at) AS at FROM source_events e
                                        WHERE e.organization_id = s.organization_id AND e.source_id = s.id
                                          AND e.state = st.state) m)), s.created_at)
         FROM ticket_sources s WHERE s.organization_id = $1 AND s.archived_at IS NULL AND s.enabled
     ) f ORDER BY source LIMIT ${limit}`,
    [organizationOf(em)],
  );
  return rows.map((r) => ({ source: r.source, ticketSourceId: r.id, lastSyncedAt: r.last }));
}
