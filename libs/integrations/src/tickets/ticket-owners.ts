import type { EntityManager } from 'typeorm';
import type { ProblemList } from '@app/domain';

/**
 * Which stored ticket an incoming key writes (docs/design.md 4.4 "Several sources"): tickets are
 * unique per source, so the same key from two trackers is two tickets. `id` null: a new ticket,
 * owned by `sourceId`.
 */
export interface TicketTarget {
  id: string | null;
  sourceId: string | null;
}

/**
 * A live source writes its own ticket of each key. The first time it writes a key it does not
 * hold, it adopts the ticket of that key that no source owns (made by a file, upsertTickets or
 * before tickets were per source), so connecting a tracker after importing its export keeps the
 * hand-made links, history and snapshots. The adoption is conditional (`source_id IS NULL`): a
 * ticket another source adopted meanwhile is left to it and this source makes its own.
 */
export async function sourceTargets(
  em: EntityManager,
  sourceId: string,
  keys: string[],
): Promise<Map<string, TicketTarget>> {
  const rows: { id: string; external_key: string; source_id: string | null }[] = await em.query(
    `SELECT id, external_key, source_id FROM tickets
      WHERE external_key = ANY($1::text[]) AND (source_id = $2 OR source_id IS NULL)`,
    [keys, sourceId],
  );
  const own = new Map<string, string>();
  const unowned = new Map<string, string>();
  for (const r of rows) (r.source_id === null ? unowned : own).set(r.external_key, r.id);
  const adoptable = [...unowned].filter(([key]) => !own.has(key)).map(([, id]) => id);
  if (adoptable.length) {
    const [adopted]: [{ id: string; external_key: string }[], number] = await em.query(
      `UPDATE tickets SET source_id = $2 WHERE id = ANY($1::uuid[]) AND source_id IS NULL
       RETURNING id, external_key`,
      [adoptable, sourceId],
    );
    for (const a of adopted) own.set(a.external_key, a.id);
  }
  return new Map(keys.map((key) => [key, { id: own.get(key) ?? null, sourceId }]));
}

/**
 * Files and upsertTickets name tickets by key alone: the organization's one ticket of that key,
 * whatever its source (a CSV re-import updates the ticket its tracker owns, as before); a new
 * source-less ticket when none has it. A key several sources hold is ambiguous: that row is left
 * out with a warning naming the sources (at `origin`), nothing else of the file is.
 */
export async function keyTargets(
  em: EntityManager,
  keys: Map<string, string>,
  warnings: ProblemList,
): Promise<Map<string, TicketTarget>> {
  const rows: {
    id: string;
    external_key: string;
    source_id: string | null;
    source: string | null;
  }[] = await em.query(
    `SELECT t.id, t.external_key, t.source_id, s.kind || ' "' || s.name || '"' AS source
       FROM tickets t
       LEFT JOIN ticket_sources s ON s.organization_id = t.organization_id AND s.id = t.source_id
      WHERE t.external_key = ANY($1::text[])
      ORDER BY t.external_key, s.name NULLS FIRST`,
    [[...keys.keys()]],
  );
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) byKey.set(r.external_key, [...(byKey.get(r.external_key) ?? []), r]);
  const targets = new Map<string, TicketTarget>();
  for (const [key, origin] of keys) {
    const held = byKey.get(key) ?? [];
    if (held.length > 1) {
      const sources = held.map((h) => h.source ?? 'no source (a file or the API)').join(', ');
      warnings.push({
        path: origin,
        message: `${key} is held by several sources (${sources}): left out; import it through its source`,
      });
      continue;
    }
    targets.set(key, { id: held[0]?.id ?? null, sourceId: held[0]?.source_id ?? null });
  }
  return targets;
}
