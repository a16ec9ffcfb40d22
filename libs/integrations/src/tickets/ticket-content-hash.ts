import { hash } from 'node:crypto';
import type { TicketRow } from './ticket-stage.js';

/**
 * What a ticket write stores of a ticket, hashed: every field the full comparison of the merge
 * (dropUnchanged in ticket-upsert.service.ts) looks at, the sprint history in order and the epic
 * link included. Stored with the ticket when it is written; a later write of the same key whose
 * hash is the stored one changes nothing, and is counted unchanged without being staged. The
 * version prefix changes with what is covered, so hashes of an older definition never match.
 * Not a security measure: a collision could only make a tenant's own re-import skip its own row.
 */
export function ticketContentHash(row: TicketRow): string {
  const covered = [
    row.external_id,
    row.title,
    row.type,
    row.labels,
    row.work_type,
    row.status_category,
    row.raw_status,
    row.points,
    row.parent_key,
    row.subtask,
    row.sprint_ids,
    row.epic_initiative_id,
  ];
  return `v1:${hash('sha256', JSON.stringify(covered), 'base64')}`;
}
