import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Acknowledged } from './operations.js';

export interface Verification {
  checkIns: { acknowledged: number; found: number };
  /** keys: distinct tickets acknowledged; found: stored with the newest acknowledged upsert or a later one */
  tickets: { acknowledged: number; found: number };
  /**
   * deliveries answered 202; stored: in the inbox (what the 202 promises); applied: applied, their
   * ticket there; pending: stored, not applied when the wait ended
   */
  webhooks: {
    acknowledged: number;
    stored: number;
    applied: number;
    pending: number;
    waitedMs: number;
  };
  /** acknowledged writes that are not there (lost) */
  missing: string[];
  /** acknowledged deliveries stored but not applied when the wait ended */
  notApplied: string[];
}

/**
 * Looks for every acknowledged write on the primary, in SQL as its superuser (row-level security
 * does not apply to a superuser, so no organization needs setting): each check-in by its note; each
 * ticket with an upsert at least as new as the newest acknowledged one (a later upsert whose answer
 * was lost may have landed after it); each webhook delivery stored (what its 202 promises), and
 * whether it is applied, its issue a ticket of the source. Waits first (at most `applyWaitMs`)
 * until the source has no pending event.
 */
export async function verify(
  primaryUrl: string,
  organizationId: string,
  sourceId: string,
  acknowledged: Acknowledged[],
  applyWaitMs: number,
): Promise<Verification> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const waitStarted = Date.now();
    await waitApplied(client, organizationId, sourceId, applyWaitMs);
    const waitedMs = Date.now() - waitStarted;
    const missing: string[] = [];

    const notes = acknowledged.flatMap((a) => (a.kind === 'checkIn' ? [a.note] : []));
    const foundNotes = new Set(
      (
        await client.query<{ note: string }>(
          'SELECT note FROM check_ins WHERE organization_id = $1 AND note = ANY($2)',
          [organizationId, notes],
        )
      ).rows.map((r) => r.note),
    );
    for (const note of notes) if (!foundNotes.has(note)) missing.push(`check-in "${note}"`);

    const newest = new Map<string, number>();
    for (const a of acknowledged) {
      if (a.kind === 'ticket') newest.set(a.key, Math.max(a.seq, newest.get(a.key) ?? -1));
    }
    const stored = new Map(
      (
        await client.query<{ external_key: string; title: string }>(
          `SELECT external_key, title FROM tickets
            WHERE organization_id = $1 AND source_id IS NULL AND external_key = ANY($2)`,
          [organizationId, [...newest.keys()]],
        )
      ).rows.map((r) => [r.external_key, Number(/#(\d+)$/.exec(r.title)?.[1] ?? -1)]),
    );
    let ticketsFound = 0;
    for (const [key, seq] of newest) {
      const there = stored.get(key);
      if (there !== undefined && there >= seq) ticketsFound++;
      else
        missing.push(
          `ticket ${key} of upsert #${seq} (stored: ${there === undefined ? 'none' : `#${there}`})`,
        );
    }

    const deliveries = acknowledged.flatMap((a) => (a.kind === 'webhook' ? [a] : []));
    const events = new Map(
      (
        await client.query<{ delivery_id: string; applied: boolean }>(
          `SELECT e.delivery_id, e.state = 'APPLIED' AND t.id IS NOT NULL AS applied
             FROM source_events e
             LEFT JOIN tickets t ON t.organization_id = e.organization_id
                                AND t.source_id = e.source_id AND t.external_key = e.subject
            WHERE e.organization_id = $1 AND e.source_id = $2 AND e.delivery_id = ANY($3)`,
          [organizationId, sourceId, deliveries.map((d) => d.deliveryId)],
        )
      ).rows.map((r) => [r.delivery_id, r.applied]),
    );
    const notApplied: string[] = [];
    let applied = 0;
    for (const d of deliveries) {
      const state = events.get(d.deliveryId);
      if (state === undefined) missing.push(`webhook ${d.deliveryId} (${d.issueKey})`);
      else if (state) applied++;
      else notApplied.push(`webhook ${d.deliveryId} (${d.issueKey})`);
    }

    return {
      checkIns: { acknowledged: notes.length, found: foundNotes.size },
      tickets: { acknowledged: newest.size, found: ticketsFound },
      webhooks: {
        acknowledged: deliveries.length,
        stored: events.size,
        applied,
        pending: notApplied.length,
        waitedMs,
      },
      missing,
      notApplied,
    };
  } finally {
    await client.end();
  }
}

/**
 * Waits until the source has no pending event, or `waitMs` passed. An event whose job a killed
 * replica had fetched waits for pg-boss to expire that job (120 s for the event queue, noticed at
 * its next supervision, every 60 s) before another replica applies it.
 */
async function waitApplied(
  client: pg.Client,
  organizationId: string,
  sourceId: string,
  waitMs: number,
): Promise<number> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { rows } = await client.query<{ pending: string }>(
      `SELECT count(*) AS pending FROM source_events
        WHERE organization_id = $1 AND source_id = $2 AND state = 'PENDING'`,
      [organizationId, sourceId],
    );
    const pending = Number(rows[0].pending);
    if (pending === 0 || Date.now() > deadline) return pending;
    await sleep(500);
  }
}
