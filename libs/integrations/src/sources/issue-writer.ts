import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { ProblemList, type Problem } from '@app/domain';
import type { TicketUpsertService } from '../tickets/ticket-upsert.service.js';
import { matchSprints, type SprintOwner } from './tracker-sprints.js';
import type { IssueState } from './tracker.js';

/** One issue's state to write, with the times that order it and whether it was deleted. */
export interface IssueWrite {
  issue: IssueState;
  /** the webhook's own time; null from reconciliation */
  webhookAt: Date | null;
  deleted: boolean;
}

export interface IssueWriteResult {
  created: number;
  updated: number;
  unchanged: number;
  /** issues left alone because a newer state is stored */
  stale: number;
  /** the keys written, all of this source's tickets (for the live views) */
  keys: string[];
  problems: Problem[];
}

/**
 * Writes issue states from a tracker, in order (docs/design.md 4.4 "Applying"): each issue is
 * locked for the transaction (an advisory lock on its source and key, taken in key order so two
 * writers never deadlock), and a state whose updated time is older than the stored one changes
 * nothing; on equal times the later webhook wins. What remains goes through the one ticket upsert
 * of every source (status and work-type mappings, epic to initiative, sub-task to parent), then the
 * tracker times are stored; a delete archives the ticket and keeps its row as the tombstone.
 * Tickets are unique per source ("Several sources"): everything here reads and writes this
 * source's own ticket of each key, never the same key of another tracker.
 */
export async function writeIssues(
  em: EntityManager,
  actor: Actor,
  source: SprintOwner & { id: string; kind: string },
  writes: IssueWrite[],
  upsert: TicketUpsertService,
): Promise<IssueWriteResult> {
  const latest = new Map<string, IssueWrite>();
  for (const w of writes) {
    const key = w.issue.ticket.externalKey;
    const seen = latest.get(key);
    if (!seen || !isOlder(w, seen)) latest.set(key, w);
  }
  const keys = [...latest.keys()].sort();
  // A sub-task also locks its parent's key: a sub-task and its parent written by two workers at
  // once would otherwise each miss the other (neither sees the other's uncommitted row).
  const parents = [...latest.values()].flatMap((w) => w.issue.ticket.parentKey ?? []);
  await em.query(
    `SELECT pg_advisory_xact_lock(hashtext('ticket:' || $1 || ':' || $2 || ':' || k))
       FROM (SELECT DISTINCT unnest($3::text[]) AS k) AS keys ORDER BY k`,
    [source.organizationId, source.id, [...keys, ...parents]],
  );
  const stored: {
    external_key: string;
    source_updated_at: Date | null;
    source_event_at: Date | null;
  }[] = await em.query(
    `SELECT external_key, source_updated_at, source_event_at FROM tickets
      WHERE organization_id = $3 AND source_id = $2 AND external_key = ANY($1::text[])`,
    [keys, source.id, source.organizationId],
  );
  const storedByKey = new Map(stored.map((s) => [s.external_key, s]));
  const fresh = [...latest.values()].filter((w) => {
    const s = storedByKey.get(w.issue.ticket.externalKey);
    if (!s?.source_updated_at) return true;
    return !isOlder(w, { updatedAt: s.source_updated_at, webhookAt: s.source_event_at }, w.deleted);
  });
  const problems: Problem[] = [];
  const sprintNames = await matchSprints(
    em,
    source,
    fresh.flatMap((w) => w.issue.sprints),
    problems,
  );
  const tickets = fresh.map((w) => ({
    ...w.issue.ticket,
    sprintNames: w.issue.sprints.flatMap((s) => sprintNames.get(s.externalId) ?? []),
  }));
  const warnings = new ProblemList(undefined, 'warnings');
  const result = await upsert.upsertIn(
    em,
    actor,
    source.kind,
    tickets,
    warnings,
    undefined,
    source.id,
    // a delete adopts no source-less ticket: a key this source never held gets a bare tombstone
    new Set(fresh.filter((w) => w.deleted).map((w) => w.issue.ticket.externalKey)),
  );
  await em.query(
    `UPDATE tickets t SET source_updated_at = r.updated_at, source_event_at = r.event_at,
            archived_at = CASE WHEN r.deleted THEN COALESCE(t.archived_at, now()) ELSE t.archived_at END
       FROM jsonb_to_recordset($2::jsonb) AS r(external_key text, updated_at timestamptz, event_at timestamptz, deleted boolean)
      WHERE t.organization_id = $3 AND t.source_id = $1 AND t.external_key = r.external_key`,
    [
      source.id,
      JSON.stringify(
        fresh.map((w) => ({
          external_key: w.issue.ticket.externalKey,
          updated_at: w.issue.updatedAt.toISOString(),
          event_at: w.webhookAt?.toISOString() ?? null,
          deleted: w.deleted,
        })),
      ),
      source.organizationId,
    ],
  );
  return {
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    stale: latest.size - fresh.length,
    keys: fresh.map((w) => w.issue.ticket.externalKey),
    problems: [...problems, ...result.warnings],
  };
}

/**
 * Whether `a` is older than the stored `b`: an earlier updated time; on equal times, an earlier
 * (or the same) webhook time. A delete loses only to a strictly later updated time.
 */
function isOlder(
  a: { issue?: IssueState; webhookAt: Date | null },
  b: { issue?: IssueState; updatedAt?: Date; webhookAt: Date | null },
  deleted = false,
): boolean {
  const aTime = a.issue!.updatedAt.getTime();
  const bTime = (b.updatedAt ?? b.issue!.updatedAt).getTime();
  if (aTime !== bTime) return aTime < bTime;
  if (deleted) return false;
  if (a.webhookAt === null || b.webhookAt === null)
    return a.webhookAt === null && b.webhookAt !== null;
  return a.webhookAt.getTime() <= b.webhookAt.getTime();
}
