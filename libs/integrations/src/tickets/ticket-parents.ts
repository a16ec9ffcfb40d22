import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import type { ProblemList } from '@app/domain';
import { STAGE } from './ticket-stage.js';

/**
 * Sub-task parents of the tickets just written (the staged rows of [from, to)), once every ticket of the write exists (a parent may come later in the file), and
 * the sub-tasks stored earlier that waited for one of these keys. A parent key is looked up in the
 * sub-task's own source first (tickets are unique per source), then among the tickets no source
 * owns; a source-less sub-task (a file, the API) also takes the one ticket of that key whatever
 * its source. Never the same key of another tracker otherwise. A written ticket with neither a
 * parent key nor a parent has nothing to resolve and is not looked at (a sub-task written here
 * whose parent is also written here is found by both halves of `c`: one row, written).
 */
export async function resolveParents(
  em: EntityManager,
  from: number,
  to: number,
  warnings: ProblemList,
): Promise<void> {
  const best: {
    id: string;
    external_key: string;
    parent_key: string | null;
    written: boolean;
    parent_id: string | null;
  }[] = await em.query(
    `WITH c AS (
       SELECT id, external_key, source_id, parent_key, parent_ticket_id, bool_or(written) AS written
         FROM (SELECT t.id, t.external_key, t.source_id, t.parent_key, t.parent_ticket_id, true AS written
                 FROM ${STAGE} w JOIN tickets t ON t.organization_id = $3 AND t.id = w.ticket_id
                WHERE w.ord >= $1 AND w.ord < $2
                  AND (t.parent_key IS NOT NULL OR t.parent_ticket_id IS NOT NULL)
               UNION ALL
               SELECT t.id, t.external_key, t.source_id, t.parent_key, t.parent_ticket_id, false
                 FROM ${STAGE} w JOIN tickets t ON t.organization_id = $3 AND t.parent_key = w.external_key
                WHERE w.ord >= $1 AND w.ord < $2) x
        GROUP BY id, external_key, source_id, parent_key, parent_ticket_id)
     SELECT c.id, c.external_key, c.parent_key, c.written, b.parent_id
       FROM c LEFT JOIN LATERAL (
         SELECT p.id AS parent_id FROM tickets p
          WHERE p.organization_id = $3 AND p.external_key = c.parent_key AND p.id <> c.id
            AND (p.source_id IS NOT DISTINCT FROM c.source_id OR p.source_id IS NULL
                 OR (c.source_id IS NULL AND NOT EXISTS (
                       SELECT 1 FROM tickets q
                        WHERE q.organization_id = $3 AND q.external_key = c.parent_key AND q.id <> p.id)))
          ORDER BY (p.source_id IS NOT DISTINCT FROM c.source_id) DESC, (p.source_id IS NULL) DESC
          LIMIT 1) b ON true
      WHERE c.parent_ticket_id IS DISTINCT FROM b.parent_id
        AND (c.written OR b.parent_id IS NOT NULL)
         OR (c.written AND c.parent_key IS NOT NULL AND b.parent_id IS NULL)`,
    [from, to, organizationOf(em)],
  );
  const changes = best.filter((b) => b.written || b.parent_id !== null);
  if (changes.length) {
    await em.query(
      `UPDATE tickets t SET parent_ticket_id = r.parent_id
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, parent_id uuid)
        WHERE t.organization_id = $2 AND t.id = r.id AND t.parent_ticket_id IS DISTINCT FROM r.parent_id`,
      [
        JSON.stringify(changes.map((c) => ({ id: c.id, parent_id: c.parent_id }))),
        organizationOf(em),
      ],
    );
  }
  for (const m of best) {
    if (m.written && m.parent_key !== null && m.parent_id === null) {
      warnings.push({
        path: 'Parent',
        message: `${m.external_key}: parent ticket "${m.parent_key}" not found: imported without a parent`,
      });
    }
  }
}
