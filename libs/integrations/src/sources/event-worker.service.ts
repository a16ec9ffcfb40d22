import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus, Tenant, type Actor } from '@app/common';
import { JOB_QUEUES } from '@app/database';
import { EventApplier, type AppliedEvents } from './event-applier.service.js';
import { JobQueue } from './job-queue.js';
import { SOURCE_COLUMNS, type SourceRow } from './source-row.js';
import { PermanentEventError, type TrackerEvent } from './tracker.js';
import { kindPath, sourceActor, trackerFor } from './trackers.js';
import type { EventJob } from './webhook-inbox.service.js';

/** Attempts before an event becomes a dead letter (about 90 s of retries in all). */
export const MAX_ATTEMPTS = 8;

/** The wait before attempt n+1: 0.5 s, doubling, at most 30 s (docs/design.md 4.4). */
export const retryDelayMs = (attempts: number) => Math.min(30_000, 500 * 2 ** (attempts - 1));

/** Workers per process, and jobs each fetches at a time. */
const WORKERS = { count: 2, batchSize: 10 };

interface StoredEvent {
  id: string;
  state: string;
  body: unknown;
  attempts: number;
}

/**
 * Applies stored webhook events (docs/design.md 4.4): idempotent (an event already applied is
 * left alone; the issue writer orders states by the tracker's times), retried with backoff on
 * failure, and after MAX_ATTEMPTS, or at once for what can never apply (a value outside its
 * bound), kept as a dead letter listed in the source's problems. The event leaves `pendingEvents`
 * in the transaction that applies it; subscribers hear of the change right after.
 */
@Injectable()
export class EventWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('EventWorker');

  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(EventApplier) private readonly applier: EventApplier,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<EventJob>(JOB_QUEUES.events, (job) => this.handle(job), WORKERS);
  }

  /** One job: never throws for the event's own failure (the retry is scheduled here). */
  async handle(job: EventJob): Promise<void> {
    const loaded = await this.load(job);
    if (!loaded) return;
    const { source, event } = loaded;
    const actor = sourceActor(job.organizationId, `webhook:${kindPath(source.kind)}`);
    try {
      const parsed = trackerFor(source.kind)!.parse(event.body, source.settings);
      const result = await this.applier.apply(actor, source, [parsed], async (em, applied) => {
        if (applied.closing.length === 0) await settle(em, event.id, parsed, applied);
      });
      if (result.closing.length) {
        await this.tenant.run(actor, (em) => settle(em, event.id, parsed, result));
      }
      if (result.keys.length || result.closing.length) {
        await this.bus.publishAfterWrite({
          type: 'ticketsChanged',
          organizationId: job.organizationId,
          payload: { sourceId: source.id, ticketKeys: result.keys, at: new Date().toISOString() },
        });
      }
    } catch (error) {
      await this.failed(actor, job, event, error);
    }
  }

  private async load(job: EventJob): Promise<{ source: SourceRow; event: StoredEvent } | null> {
    const actor = sourceActor(job.organizationId, 'webhook');
    return this.tenant.run(actor, async (em) => {
      const events: (StoredEvent & { source_id: string })[] = await em.query(
        `SELECT id, state, body, attempts, source_id FROM source_events WHERE id = $1`,
        [job.eventId],
      );
      const event = events[0];
      if (!event || event.state !== 'PENDING') return null;
      const sources: SourceRow[] = await em.query(
        `SELECT ${SOURCE_COLUMNS} FROM ticket_sources WHERE id = $1`,
        [event.source_id],
      );
      return sources[0] ? { source: sources[0], event } : null;
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

/** Marks the event applied (or ignored), with what applying it could not use. */
async function settle(
  em: EntityManager,
  eventId: string,
  parsed: TrackerEvent,
  applied: AppliedEvents,
): Promise<void> {
  const ignored = parsed.kind === 'ignored';
  await em.query(
    `UPDATE source_events SET state = $2, applied_at = clock_timestamp(), problems = $3::jsonb,
            last_error = $4
      WHERE id = $1 AND state = 'PENDING'`,
    [
      eventId,
      ignored ? 'IGNORED' : 'APPLIED',
      JSON.stringify(applied.problems.slice(0, 20)),
      ignored ? parsed.reason : null,
    ],
  );
}
