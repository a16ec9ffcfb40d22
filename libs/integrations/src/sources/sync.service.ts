import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus, SecretBox, Tenant, type Actor } from '@app/common';
import { outsideRequestScope, SyncRun } from '@app/database';
import { DomainError, type Problem } from '@app/domain';
import { publishTicketsChanged } from '../tickets/tickets-changed.js';
import { EventApplier } from './event-applier.service.js';
import { connectionOf, SOURCE_COLUMNS, type SourceRow } from './source-row.js';
import { trackerFor } from './trackers.js';

/** Called as a run goes: records read so far. */
export type SyncProgress = (read: number) => void;

/** A run that started this long ago and never finished (a crash) no longer blocks a new one. */
const STALE_RUN_MS = 15 * 60_000;
/** Problems kept per run (then one saying how many more). */
const MAX_RUN_PROBLEMS = 100;
/** A full read (which also finds issues deleted in the tracker) at least this often. */
const FULL_SYNC_EVERY_MS = 24 * 3_600_000;
/** syncTicketSource waits this long for its run before answering with it still RUNNING. */
const ANSWER_WITHIN_MS = 20_000;

/**
 * Reconciliation (docs/design.md 4.4): reads what changed in the tracker since the last run,
 * through the tracker's own API (paging, 429 Retry-After, timeouts and a circuit: tracker-http.ts),
 * and applies it exactly as webhook events are applied (EventApplier), so a missed webhook heals.
 * A run is recorded with its counts and problems; the next run starts where this one read up to.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger('Sync');

  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(EventApplier) private readonly applier: EventApplier,
    @Inject(EventBus) private readonly bus: EventBus,
  ) {}

  /**
   * syncTicketSource: starts a run now and answers with it once it finished, or with it RUNNING
   * after ANSWER_WITHIN_MS (it goes on in the background, outside the request's deadline).
   */
  async syncNow(actor: Actor, sourceId: string): Promise<SyncRun> {
    const run = await this.begin(actor, sourceId, 'MANUAL');
    const finished = outsideRequestScope(() => this.execute(actor, run));
    // It may end after the answer (RUNNING): its failure is logged, never left unhandled.
    finished.catch((error: unknown) => this.logger.error(`sync ${run.id}: ${String(error)}`));
    const timeout = new Promise<null>((resolve) =>
      setTimeout(resolve, ANSWER_WITHIN_MS, null).unref(),
    );
    return (await Promise.race([finished, timeout])) ?? this.load(actor, run.id);
  }

  /** A whole run, waited for (the CLI, the schedule); `onProgress` hears of each page. */
  async runToEnd(
    actor: Actor,
    sourceId: string,
    trigger: 'MANUAL' | 'SCHEDULE',
    onProgress?: SyncProgress,
  ): Promise<SyncRun> {
    return this.execute(actor, await this.begin(actor, sourceId, trigger), onProgress);
  }

  /** Records a RUNNING run, unless one is running already for this source. */
  private begin(actor: Actor, sourceId: string, trigger: 'MANUAL' | 'SCHEDULE'): Promise<SyncRun> {
    return this.tenant.run(actor, async (em) => {
      const sources: SourceRow[] = await em.query(
        `SELECT ${SOURCE_COLUMNS} FROM ticket_sources
          WHERE organization_id = $2 AND id = $1 FOR NO KEY UPDATE`,
        [sourceId, actor.organizationId],
      );
      const source = sources[0];
      if (!source || source.archived_at)
        throw DomainError.notFound('ticket source', `with id "${sourceId}"`);
      if (!source.enabled)
        throw DomainError.conflict(`source "${source.name}" is disabled: enable it to sync`);
      if (!source.base_url && !trackerFor(source.kind)?.defaultBaseUrl) {
        throw DomainError.badInput(
          'baseUrl',
          `source "${source.name}" has no baseUrl to read from`,
        );
      }
      const running: { id: string }[] = await em.query(
        `SELECT id FROM sync_runs WHERE organization_id = $3 AND source_id = $1 AND state = 'RUNNING'
            AND started_at > clock_timestamp() - make_interval(secs => $2)`,
        [sourceId, STALE_RUN_MS / 1000, actor.organizationId],
      );
      if (running.length) {
        throw DomainError.conflict(
          `source "${source.name}" is being synced already (run ${running[0].id})`,
        );
      }
      // Deletions never show in "what changed since": a full read now and then finds them.
      const full: { at: Date | null }[] = await em.query(
        `SELECT max(started_at) AS at FROM sync_runs
          WHERE organization_id = $2 AND source_id = $1 AND since IS NULL AND state = 'SUCCEEDED'`,
        [sourceId, actor.organizationId],
      );
      const fullDue = !full[0].at || Date.now() - full[0].at.getTime() > FULL_SYNC_EVERY_MS;
      const run = em.create(SyncRun, {
        organizationId: actor.organizationId,
        sourceId,
        trigger,
        since: fullDue ? null : source.synced_through,
      });
      return em.save(run);
    });
  }

  private async execute(actor: Actor, run: SyncRun, onProgress?: SyncProgress): Promise<SyncRun> {
    const problems: Problem[] = [];
    const totals = { created: 0, updated: 0, unchanged: 0 };
    const keys = new Set<string>();
    /** every issue a full read saw: the source's other tickets were deleted in the tracker */
    const seen = new Set<string>();
    let newest: Date | null = run.since;
    let read = 0;
    let failure: string | null = null;
    try {
      const source = await this.source(actor, run.sourceId);
      const tracker = trackerFor(source.kind)!;
      const connection = connectionOf(source, tracker, this.secrets);
      const signal = AbortSignal.timeout(STALE_RUN_MS);
      for await (const page of tracker.reconcile(connection, run.since, signal)) {
        for (const event of page.events) {
          if (event.kind === 'issue') seen.add(event.issue.ticket.externalKey);
          // read but unusable: still in the tracker, never archived for it
          if (event.kind === 'ignored' && event.key) seen.add(event.key);
        }
        const applied = await this.applier.apply(actor, source, page.events);
        totals.created += applied.created;
        totals.updated += applied.updated;
        totals.unchanged += applied.unchanged + applied.stale;
        applied.keys.forEach((k) => keys.add(k));
        problems.push(...applied.problems);
        for (const reason of applied.ignored) {
          if (reason.startsWith('problem: '))
            problems.push({ path: 'sync', message: reason.slice(9) });
        }
        if (page.newestUpdate && (!newest || page.newestUpdate > newest))
          newest = page.newestUpdate;
        read += page.events.length;
        onProgress?.(read);
      }
      if (run.since === null) {
        const gone = await this.archiveUnseen(actor, run, seen);
        totals.updated += gone.length;
        gone.forEach((k) => keys.add(k));
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      this.logger.warn(`sync ${run.id}: ${failure}`);
      problems.push({ path: 'sync', message: failure });
    }
    const kept = problems.slice(0, MAX_RUN_PROBLEMS);
    if (problems.length > MAX_RUN_PROBLEMS) {
      kept.push({
        path: 'sync',
        message: `and ${problems.length - MAX_RUN_PROBLEMS} more problems`,
      });
    }
    await this.tenant.run(actor, async (em) => {
      await em.query(
        `UPDATE ticket_sources SET last_sync_at = clock_timestamp(),
                synced_through = CASE WHEN $3 THEN synced_through ELSE $2 END
          WHERE organization_id = $4 AND id = $1`,
        [run.sourceId, newest, failure !== null, actor.organizationId],
      );
      await em.query(
        `UPDATE sync_runs SET state = $2, finished_at = clock_timestamp(), created = $3, updated = $4,
                unchanged = $5, problems = $6::jsonb
          WHERE organization_id = $7 AND id = $1`,
        [
          run.id,
          failure ? 'FAILED' : 'SUCCEEDED',
          totals.created,
          totals.updated,
          totals.unchanged,
          JSON.stringify(kept),
          actor.organizationId,
        ],
      );
    });
    if (keys.size) {
      await publishTicketsChanged(this.bus, actor.organizationId, {
        sourceId: run.sourceId,
        ticketKeys: [...keys],
      });
    }
    return this.load(actor, run.id);
  }

  /**
   * After a full read: the source's live tickets the tracker no longer has were deleted there.
   * Archived as a delete event would (a ticket written after the run started is left alone).
   */
  private archiveUnseen(actor: Actor, run: SyncRun, seen: Set<string>): Promise<string[]> {
    return this.tenant.run(actor, async (em) => {
      const [rows]: [{ external_key: string }[], number] = await em.query(
        `UPDATE tickets SET archived_at = now()
          WHERE organization_id = $4 AND source_id = $1 AND archived_at IS NULL
            AND NOT (external_key = ANY($2::text[])) AND updated_at < $3
          RETURNING external_key`,
        [run.sourceId, [...seen], run.startedAt, actor.organizationId],
      );
      return rows.map((r) => r.external_key);
    });
  }

  private async source(actor: Actor, id: string): Promise<SourceRow> {
    const rows: SourceRow[] = await this.tenant.run(actor, (em) =>
      em.query(
        `SELECT ${SOURCE_COLUMNS} FROM ticket_sources WHERE organization_id = $2 AND id = $1`,
        [id, actor.organizationId],
      ),
    );
    return rows[0];
  }

  load(actor: Actor, runId: string): Promise<SyncRun> {
    return this.tenant.run(actor, async (em) => {
      const run = await em.findOne(SyncRun, { where: { id: runId } });
      if (!run) throw DomainError.notFound('sync run', `with id "${runId}"`);
      return run;
    });
  }
}
