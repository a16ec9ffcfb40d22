import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import type { ProblemList } from '@app/domain';

/**
 * Which stored ticket an incoming key writes (docs/design.md 4.4 "Several sources"): tickets are
 * unique per source, so the same key from two trackers is two tickets. `id` null: a new ticket,
 * owned by `sourceId`.
 */
export interface TicketTarget {
  id: string | null;
  sourceId: string | null;
  /** what the stored ticket's last write stored, hashed (ticket-content-hash.ts); null: unknown */
  contentHash: string | null;
}

/** Key locks per organization: keys share one of this many locks (a big file takes them all). */
const KEY_LOCKS = 256;

/**
 * Locks the organization's keys for the transaction before a writer chooses which ticket each key
 * writes: a file import choosing the source-less ticket of a key while a live source adopts it
 * would otherwise each miss the other, and the import would insert a second ticket of the key.
 * Both paths (sourceTargets, keyTargets) take it, after a live writer's per-source locks. Keys
 * hash into KEY_LOCKS locks per organization (bounded: a 50,000-row file takes at most 256 locks
 * of the shared lock table), taken in one statement in lock order, so two writers wait for each
 * other and never deadlock; a shared lock only makes unrelated keys wait a little.
 */
export async function lockKeys(
  em: EntityManager,
  organizationId: string,
  keys: Iterable<string>,
): Promise<void> {
  const buckets = new Set<number>();
  for (const key of keys) buckets.add(keyBucket(key));
  if (buckets.size === 0) return;
  await em.query(
    `SELECT pg_advisory_xact_lock(hashtext('ticket-key:' || $1), b)
       FROM unnest($2::int[]) AS b ORDER BY b`,
    [organizationId, [...buckets].sort((a, b) => a - b)],
  );
}

/**
 * The lock a key shares (0 .. KEY_LOCKS - 1): FNV-1a over its UTF-16 code units, computed here so
 * that a file of 100,000 keys sends the database at most KEY_LOCKS numbers, not its keys. Every
 * writer locks through lockKeys, so all agree on it.
 */
export function keyBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & (KEY_LOCKS - 1);
}

/**
 * A live source writes its own ticket of each key. The first time it writes a key it does not
 * hold, it adopts the ticket of that key that no source owns (made by a file, upsertTickets or
 * before tickets were per source), so connecting a tracker after importing its export keeps the
 * hand-made links, history and snapshots. The adoption is conditional (`source_id IS NULL`): a
 * ticket another source adopted meanwhile is left to it and this source makes its own.
 * `deleted`: keys written as deletes adopt nothing (a delete for a key this source never held is
 * not about the source-less ticket, which may be another tracker's file): the source gets a bare
 * tombstone of its own.
 */
export async function sourceTargets(
  em: EntityManager,
  organizationId: string,
  sourceId: string,
  keys: string[],
  deleted: ReadonlySet<string> = new Set(),
): Promise<Map<string, TicketTarget>> {
  await lockKeys(em, organizationId, keys);
  const rows: {
    id: string;
    external_key: string;
    source_id: string | null;
    content_hash: string | null;
  }[] = await em.query(
    `SELECT id, external_key, source_id, content_hash FROM tickets
      WHERE organization_id = $3 AND external_key = ANY($1::text[])
        AND (source_id = $2 OR source_id IS NULL)`,
    [keys, sourceId, organizationOf(em)],
  );
  const own = new Map<string, string>();
  const unowned = new Map<string, string>();
  const hashes = new Map(rows.map((r) => [r.id, r.content_hash]));
  for (const r of rows) (r.source_id === null ? unowned : own).set(r.external_key, r.id);
  const adoptable = [...unowned]
    .filter(([key]) => !own.has(key) && !deleted.has(key))
    .map(([, id]) => id);
  if (adoptable.length) {
    const [adopted]: [{ id: string; external_key: string }[], number] = await em.query(
      `UPDATE tickets SET source_id = $2
        WHERE organization_id = $3 AND id = ANY($1::uuid[]) AND source_id IS NULL
       RETURNING id, external_key`,
      [adoptable, sourceId, organizationOf(em)],
    );
    for (const a of adopted) own.set(a.external_key, a.id);
  }
  return new Map(
    keys.map((key) => {
      const id = own.get(key) ?? null;
      return [key, { id, sourceId, contentHash: id === null ? null : (hashes.get(id) ?? null) }];
    }),
  );
}

/**
 * Files and upsertTickets name tickets by key alone: the organization's one ticket of that key,
 * whatever its source (a CSV re-import updates the ticket its tracker owns, as before); a new
 * source-less ticket when none has it. A key several sources hold is ambiguous: that row is left
 * out with a warning naming the sources (at `origin`), nothing else of the file is.
 */
export async function keyTargets(
  em: EntityManager,
  organizationId: string,
  keys: Map<string, string>,
  warnings: ProblemList,
): Promise<Map<string, TicketTarget>> {
  await lockKeys(em, organizationId, keys.keys());
  const rows: {
    id: string;
    external_key: string;
    source_id: string | null;
    content_hash: string | null;
    source: string | null;
    source_name: string | null;
  }[] = await em.query(
    `SELECT t.id, t.external_key, t.source_id, t.content_hash,
            s.kind || ' "' || s.name || '"' AS source, s.name AS source_name
       FROM unnest($1::text[]) AS k(key)
       JOIN tickets t ON t.organization_id = $2 AND t.external_key = k.key
       LEFT JOIN ticket_sources s ON s.organization_id = t.organization_id AND s.id = t.source_id`,
    [[...keys.keys()], organizationOf(em)],
  );
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) {
    const held = byKey.get(r.external_key);
    if (held) held.push(r);
    else byKey.set(r.external_key, [r]);
  }
  const targets = new Map<string, TicketTarget>();
  for (const [key, origin] of keys) {
    const held = byKey.get(key) ?? [];
    if (held.length > 1) {
      held.sort((a, b) => bySourceName(a.source_name, b.source_name));
      const sources = held.map((h) => h.source ?? 'no source (a file or the API)').join(', ');
      warnings.push({
        path: origin,
        message: `${key} is held by several sources (${sources}): left out; import it through its source`,
      });
      continue;
    }
    targets.set(key, {
      id: held[0]?.id ?? null,
      sourceId: held[0]?.source_id ?? null,
      contentHash: held[0]?.content_hash ?? null,
    });
  }
  return targets;
}

/** Source names in the order a warning lists them: no source first, then by name. */
function bySourceName(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
