import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus, SecretBox, Tenant, type Actor } from '@app/common';
import { JOB_QUEUES } from '@app/database';
import { publishTicketsChanged } from '../tickets/tickets-changed.js';
import { EventApplier, type AppliedEvents } from './event-applier.service.js';
import { JobQueue } from './job-queue.js';
import { connectionOf, SOURCE_COLUMNS, type SourceRow } from './source-row.js';
import { PermanentEventError, type TrackerEvent } from './tracker.js';
import { kindPath, sourceActor, trackerFor } from './trackers.js';
import type { EventJob } from './webhook-inbox.service.js';

/** Attempts before an event becomes a dead letter (about 90 s of retries in all). */
export const MAX_ATTEMPTS = 8;

/** The wait before attempt n+1: 0.5 s, doubling, at most 30 s (docs/design.md 4.4). */
export const retryDelayMs = (attempts: number) => Math.min(30_000, 500 * 2 ** (attempts - 1));

/**
 * Workers per process, and jobs each fetches at a time: a burst is applied in batches (one
 * transaction for up to 50 events of one source), a lone event at once.
 */
const WORKERS = { count: 2, batchSize: 50 };

/** How long reading one event's records through the tracker's API may take (`fetch` trackers). */
const FETCH_TIMEOUT_MS = 60_000;

interface StoredEvent {
  id: string;
  source_id: string;
  body: unknown;
  attempts: number;
}

/** An event parsed (or its records fetched) and ready to apply. */
interface Ready {
  job: EventJob;
  event: StoredEvent;
  parsed: TrackerEvent[];
}

/**
 * Applies stored webhook events (docs/design.md 4.4): idempotent (an event already applied is
 * left alone; the issue writer orders states by the tracker's times), retried with backoff on
 * failure, and after MAX_ATTEMPTS, or at once for what can never apply (a value outside its
 * bound), kept as a dead letter listed in the source's problems. The events of one fetch are
 * applied per source in one transaction; if that fails, one by one, so one bad event fails alone.
 * An event leaves `pendingEvents` in the transaction that applies it; subscribers hear right after.
 */
@Injectable()
export class EventWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('EventWorker');

  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(EventApplier) private readonly applier: EventApplier,
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<EventJob>(JOB_QUEUES.events, (batch) => this.handle(batch), WORKERS);
  }

  /** One fetch of jobs: never throws for the events' own failures (retries are scheduled here). */
  async handle(batch: EventJob[]): Promise<void> {
    const byOrganization = new Map<string, EventJob[]>();
    for (const job of batch) {
      byOrganization.set(job.organizationId, [
        ...(byOrganization.get(job.organizationId) ?? []),
        job,
      ]);
    }
    for (const [organizationId, jobs] of byOrganization) {
      const { sources, events } = await this.load(organizationId, jobs);
      for (const source of sources) {
        const actor = sourceActor(organizationId, `webhook:${kindPath(source.kind)}`);
        const ready: Ready[] = [];
        for (const job of jobs) {
          const event = events.get(job.eventId);
          if (event?.source_id !== source.id) continue;
          try {
            ready.push({ job, event, parsed: await this.parse(source, event) });
          } catch (error) {
            await this.failed(actor, job, event, error);
          }
        }
        await this.applyReady(actor, source, ready);
      }
    }
  }

  /** The event's body mapped, or for trackers with compact webhooks its records read. */
  private async parse(source: SourceRow, event: StoredEvent): Promise<TrackerEvent[]> {
    const tracker = trackerFor(source.kind)!;
    if (!tracker.fetch) return [tracker.parse(event.body, source.settings)];
    const connection = connectionOf(source, tracker, this.secrets);
    return tracker.fetch(event.body, connection, AbortSignal.timeout(FETCH_TIMEOUT_MS));
  }

  private async applyReady(actor: Actor, source: SourceRow, ready: Ready[]): Promise<void> {
    if (ready.length === 0) return;
    try {
      await this.applyTogether(actor, source, ready);
    } catch (error) {
      if (ready.length === 1) return this.failed(actor, ready[0].job, ready[0].event, error);
      // one of them fails the group: each on its own, so only that one waits for a retry
      for (const one of ready) {
        try {
          await this.applyTogether(actor, source, [one]);
        } catch (single) {
          await this.failed(actor, one.job, one.event, single);
        }
      }
    }
  }

  private async applyTogether(actor: Actor, source: SourceRow, ready: Ready[]): Promise<void> {
    const ids = ready.map((r) => r.event.id);
    const ignored = ready
      .filter((r) => r.parsed.every((e) => e.kind === 'ignored'))
      .map((r) => r.event.id);
    const result = await this.applier.apply(
      actor,
      source,
      ready.flatMap((r) => r.parsed),
      async (em, applied) => {
        if (applied.closing.length === 0) await settle(em, ids, ignored, applied);
      },
    );
    // a sprint closed after the transaction (its snapshot): the events are settled once it is
    if (result.closing.length) {
      await this.tenant.run(actor, (em) => settle(em, ids, ignored, result));
    }
    if (result.keys.length || result.closing.length) {
      await publishTicketsChanged(this.bus, actor.organizationId, {
        sourceId: source.id,
        ticketKeys: result.keys,
      });
    }
  }

  /** The PENDING events of these jobs and their sources (others were applied meanwhile). */
  private async load(organizationId: string, jobs: EventJob[]) {
    const actor = sourceActor(organizationId, 'webhook');
    return this.tenant.run(actor, async (em) => {
      const rows: StoredEvent[] = await em.query(
        `SELECT id, source_id, body, attempts FROM source_events
          WHERE id = ANY($1::uuid[]) AND state = 'PENDING'`,
        [jobs.map((j) => j.eventId)],
      );
      const sources: SourceRow[] = rows.length
        ? await em.query(
            `SELECT ${SOURCE_COLUMNS} FROM ticket_sources WHERE id = ANY($1::uuid[])`,
            [[...new Set(rows.map((r) => r.source_id))]],
          )
        : [];
      return { sources, events: new Map(rows.map((r) => [r.id, r])) };
    });
  }

  /** Counts the attempt; schedules the next one in the same transaction, or ends as a dead letter. */
  private async failed(actor: Actor, job: EventJob, event: StoredEvent, error: unknown) {
    const permanent = error instanceof PermanentEventError;
    const message = error instanceof Error ? error.message : String(error);
    if (!permanent)
      this.logger.warn(`event ${event.id}: attempt ${event.attempts + 1} failed: ${message}`);
    try {
      await this.tenant.run(actor, async (em) => {
        // an UPDATE answers [rows, count] through TypeORM
        const [rows]: [{ attempts: number; state: string }[], number] = await em.query(
          `UPDATE source_events SET attempts = attempts + 1, last_error = left($2, 1000),
                  state = CASE WHEN $3 OR attempts + 1 >= $4 THEN 'DEAD' ELSE state END
            WHERE id = $1 AND state = 'PENDING' RETURNING attempts, state`,
          [event.id, message, permanent, MAX_ATTEMPTS],
        );
        if (rows[0]?.state === 'PENDING') {
          await this.jobs.send(JOB_QUEUES.events, job, {
            em,
            startAfter: new Date(Date.now() + retryDelayMs(rows[0].attempts)),
          });
        }
      });
    } catch (bookkeeping) {
      // The database itself is failing: pg-boss retries this job when it expires.
      this.logger.error(`event ${event.id}: could not record the failure: ${String(bookkeeping)}`);
      throw bookkeeping;
    }
  }
}

/**
 * Marks the events applied (or ignored). What applying them could not use is kept once, on the
 * last of them (a batch shares one transaction, so its problems are not per event).
 */
async function settle(
  em: EntityManager,
  ids: string[],
  ignored: string[],
  applied: AppliedEvents,
): Promise<void> {
  await em.query(
    `UPDATE source_events SET state = CASE WHEN id = ANY($2::uuid[]) THEN 'IGNORED' ELSE 'APPLIED' END,
            applied_at = clock_timestamp(),
            problems = CASE WHEN id = $3 THEN $4::jsonb ELSE '[]'::jsonb END
      WHERE id = ANY($1::uuid[]) AND state = 'PENDING'`,
    [ids, ignored, ids.at(-1), JSON.stringify(applied.problems.slice(0, 20))],
  );
}
