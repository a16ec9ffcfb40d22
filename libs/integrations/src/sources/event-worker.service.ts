import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus, SecretBox, Tenant, webhookLag, type Actor } from '@app/common';
import type { Problem } from '@app/domain';
import { JOB_QUEUES, organizationOf } from '@app/database';
import { publishTicketsChanged } from '../tickets/tickets-changed.js';
import { EventApplier, type AppliedEvents } from './event-applier.service.js';
import { JobQueue } from './job-queue.js';
import { connectionOf, SOURCE_COLUMNS, type SourceRow } from './source-row.js';
import {
  CREDENTIALS_REFUSED,
  EVENT_RETRY,
  failureKind,
  retryDelayMs,
  trackerName,
  unreachableDelayMs,
  type FailureKind,
} from './event-retry.js';
import { type FetchMemo, type TrackerEvent } from './tracker.js';
import { kindPath, sourceActor, trackerFor } from './trackers.js';
import type { EventJob } from './webhook-inbox.service.js';

/**
 * Workers per process, and jobs each fetches at a time: a burst is applied in batches (one
 * transaction for up to 50 events of one source), a lone event at once.
 */
const WORKERS = { count: 2, batchSize: 50 };

/** A record the tracker's read could not use (`problem: ...`): a problem of the event, kept. */
const PROBLEM = 'problem: ';
const isProblem = (e: TrackerEvent) => e.kind === 'ignored' && e.reason.startsWith(PROBLEM);

interface StoredEvent {
  id: string;
  source_id: string;
  body: unknown;
  attempts: number;
  received_at: Date;
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

  /**
   * One fetch of jobs: never throws for the events' own failures (retries are scheduled here).
   * Records of fetch trackers are read a few at a time, until a deadline well below the job's
   * expiry: what is not read by then is tried again at once, without using an attempt.
   */
  async handle(batch: EventJob[]): Promise<void> {
    const deadline = AbortSignal.timeout(EVENT_RETRY.batchDeadlineMs);
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
        const fetches = Boolean(trackerFor(source.kind)?.fetch);
        const mine = jobs.filter((job) => events.get(job.eventId)?.source_id === source.id);
        const ready: (Ready & { order: number })[] = [];
        const memo = fetchMemo();
        await inPool(mine, fetches ? EVENT_RETRY.fetchConcurrency : 1, async (job, order) => {
          const event = events.get(job.eventId)!;
          if (fetches && deadline.aborted) return this.later(job);
          const signal = AbortSignal.any([
            deadline,
            AbortSignal.timeout(EVENT_RETRY.fetchTimeoutMs),
          ]);
          try {
            ready.push({
              job,
              event,
              order,
              parsed: await this.parse(source, event, signal, memo),
            });
          } catch (error) {
            if (deadline.aborted) return this.later(job);
            // the read's own timeout: the tracker is too slow to answer
            const kind = signal.aborted ? 'unreachable' : failureKind(error);
            await this.failed(actor, source, job, event, error, kind);
          }
        });
        ready.sort((a, b) => a.order - b.order);
        await this.applyReady(actor, source, ready);
      }
    }
  }

  /** The event's body mapped, or for trackers with compact webhooks its records read. */
  private async parse(
    source: SourceRow,
    event: StoredEvent,
    signal: AbortSignal,
    memo: FetchMemo,
  ): Promise<TrackerEvent[]> {
    const tracker = trackerFor(source.kind)!;
    if (!tracker.fetch) return [tracker.parse(event.body, source.settings)];
    const connection = connectionOf(source, tracker, this.secrets);
    return tracker.fetch(event.body, connection, signal, memo);
  }

  /** An event the batch had no time left to read: tried again at once, no attempt used. */
  private async later(job: EventJob): Promise<void> {
    await this.jobs.send(JOB_QUEUES.events, job, { startAfter: new Date(Date.now() + 1_000) });
  }

  private async applyReady(actor: Actor, source: SourceRow, ready: Ready[]): Promise<void> {
    if (ready.length === 0) return;
    try {
      await this.applyTogether(actor, source, ready);
    } catch (error) {
      if (ready.length === 1) {
        return this.failed(actor, source, ready[0].job, ready[0].event, error);
      }
      // one of them fails the group: each on its own, so only that one waits for a retry
      for (const one of ready) {
        try {
          await this.applyTogether(actor, source, [one]);
        } catch (single) {
          await this.failed(actor, source, one.job, one.event, single);
        }
      }
    }
  }

  private async applyTogether(actor: Actor, source: SourceRow, ready: Ready[]): Promise<void> {
    const ids = ready.map((r) => r.event.id);
    const ignored = ready
      .filter((r) => r.parsed.every((e) => e.kind === 'ignored' && !isProblem(e)))
      .map((r) => r.event.id);
    // records the tracker's read could not use (one task of an Asana delivery): problems
    const unusable = ready.flatMap((r) =>
      r.parsed.flatMap((e) =>
        e.kind === 'ignored' && isProblem(e)
          ? [{ path: 'record', message: e.reason.slice(PROBLEM.length) }]
          : [],
      ),
    );
    let lags: number[] = [];
    const result = await this.applier.apply(
      actor,
      source,
      ready.flatMap((r) => r.parsed),
      async (em, applied) => {
        if (applied.closing.length === 0) lags = await settle(em, ids, ignored, applied, unusable);
      },
    );
    // a sprint closed after the transaction (its snapshot): the events are settled once it is
    if (result.closing.length) {
      lags = await this.tenant.run(actor, (em) => settle(em, ids, ignored, result, unusable));
    }
    // observed once committed: an event rolled back and retried is counted when it is applied
    const tracker = kindPath(source.kind);
    for (const seconds of lags) webhookLag.observe({ tracker }, seconds);
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
        `SELECT id, source_id, body, attempts, received_at FROM source_events
          WHERE organization_id = $2 AND id = ANY($1::uuid[]) AND state = 'PENDING'`,
        [jobs.map((j) => j.eventId), organizationId],
      );
      const sources: SourceRow[] = rows.length
        ? await em.query(
            `SELECT ${SOURCE_COLUMNS} FROM ticket_sources WHERE organization_id = $2 AND id = ANY($1::uuid[])`,
            [[...new Set(rows.map((r) => r.source_id))], organizationId],
          )
        : [];
      return { sources, events: new Map(rows.map((r) => [r.id, r])) };
    });
  }

  /**
   * Records a failed try in one transaction with what follows it. The event's own failure uses an
   * attempt and backs off, and after the last one (or at once for what can never apply) it is a
   * dead letter. A tracker that is unreachable, or refuses the source's credentials, is not the
   * event's failure: it is tried again (every 1 s growing to 30 s; held 10 min for credentials,
   * sooner when they are updated) for up to EVENT_RETRY.holdMs from its arrival, then it is a
   * dead letter saying why.
   */
  private async failed(
    actor: Actor,
    source: SourceRow,
    job: EventJob,
    event: StoredEvent,
    error: unknown,
    kind: FailureKind = failureKind(error),
  ) {
    const message = error instanceof Error ? error.message : String(error);
    const name = trackerName(source.kind);
    const heldFor = Date.now() - new Date(event.received_at).getTime();
    const held = kind === 'unreachable' || kind === 'refused';
    const expired = held && heldFor >= EVENT_RETRY.holdMs;
    const why =
      kind === 'refused'
        ? `${CREDENTIALS_REFUSED} ${name}${expired ? ` for ${span(heldFor)}` : ''}: ${message}`
        : kind === 'unreachable'
          ? `${name} ${expired ? `was unreachable for ${span(heldFor)}` : 'unreachable'}: ${message}`
          : message;
    if (kind !== 'permanent') {
      this.logger.warn(
        `event ${event.id}: ${held ? 'held' : `attempt ${event.attempts + 1} failed`}: ${why}`,
      );
    }
    try {
      await this.tenant.run(actor, async (em) => {
        // an UPDATE answers [rows, count] through TypeORM; a held try uses no attempt
        const [rows]: [{ attempts: number; state: string }[], number] = await em.query(
          `UPDATE source_events
              SET attempts = attempts + CASE WHEN $5 AND NOT $3 THEN 0 ELSE 1 END,
                  last_error = left($2, 1000),
                  state = CASE WHEN $3 OR (NOT $5 AND attempts + 1 >= $4) THEN 'DEAD' ELSE state END
            WHERE organization_id = $6 AND id = $1 AND state = 'PENDING' RETURNING attempts, state`,
          [
            event.id,
            why,
            kind === 'permanent' || expired,
            EVENT_RETRY.maxAttempts,
            held,
            actor.organizationId,
          ],
        );
        if (rows[0]?.state !== 'PENDING') return;
        const delay =
          kind === 'refused'
            ? Math.min(EVENT_RETRY.heldDelayMs, Math.max(1_000, EVENT_RETRY.holdMs - heldFor))
            : kind === 'unreachable'
              ? unreachableDelayMs(heldFor)
              : retryDelayMs(rows[0].attempts);
        await this.jobs.send(JOB_QUEUES.events, job, {
          em,
          startAfter: new Date(Date.now() + delay),
        });
      });
    } catch (bookkeeping) {
      // The database itself is failing: pg-boss retries this job when it expires.
      this.logger.error(`event ${event.id}: could not record the failure: ${String(bookkeeping)}`);
      throw bookkeeping;
    }
  }
}

/** A duration as people read it: hours, minutes or seconds. */
function span(ms: number): string {
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** A memo for one batch of one source; a read that fails is dropped, so the next tries again. */
function fetchMemo(): FetchMemo {
  const reads = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let found = reads.get(key) as Promise<T> | undefined;
    if (!found) {
      found = read();
      reads.set(key, found);
      found.catch(() => reads.delete(key));
    }
    return found;
  };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inPool<T>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Marks the events applied (or ignored). What applying them could not use is kept once, on the
 * last of them (a batch shares one transaction, so its problems are not per event). Answers each
 * settled event's lag, stored to applied in seconds, by the database's one clock.
 */
async function settle(
  em: EntityManager,
  ids: string[],
  ignored: string[],
  applied: AppliedEvents,
  unusable: Problem[],
): Promise<number[]> {
  const problems = [...unusable, ...applied.problems].slice(0, 20);
  // an UPDATE ... RETURNING answers [rows, count] through TypeORM
  const [rows]: [{ lag: number }[], number] = await em.query(
    `UPDATE source_events SET state = CASE WHEN id = ANY($2::uuid[]) THEN 'IGNORED' ELSE 'APPLIED' END,
            applied_at = clock_timestamp(),
            problems = CASE WHEN id = $3 THEN $4::jsonb ELSE '[]'::jsonb END
      WHERE organization_id = $5 AND id = ANY($1::uuid[]) AND state = 'PENDING'
      RETURNING extract(epoch FROM applied_at - received_at)::float8 AS lag`,
    [ids, ignored, ids.at(-1), JSON.stringify(problems), organizationOf(em)],
  );
  return rows.map((r) => r.lag);
}
