import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Tenant } from '@app/common';
import { JOB_QUEUES, TicketSource } from '@app/database';
import { DomainError } from '@app/domain';
import { JobQueue } from './job-queue.js';
import { SyncService } from './sync.service.js';
import { TicketSourceService, type SyncJob } from './ticket-source.service.js';
import { sourceActor } from './trackers.js';

/** Applied and ignored webhook events are kept this long (dead letters until replayed). */
export const KEEP_EVENTS_DAYS = 30;

/**
 * The schedule of reconciliations: each source has one job waiting (pg-boss's stately queue keeps
 * at most one waiting and one running per source, whatever the replicas), and each run, done or
 * failed, schedules the next. A deleted or disabled source, or one without credentials, ends its
 * chain; enabling it or giving it credentials starts it again.
 */
@Injectable()
export class SyncWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('SyncWorker');

  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(SyncService) private readonly sync: SyncService,
    @Inject(TicketSourceService) private readonly sources: TicketSourceService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<SyncJob>(JOB_QUEUES.sync, async ([job]) => this.handle(job), {
      count: 1,
      batchSize: 1,
    });
  }

  async handle(job: SyncJob): Promise<void> {
    const actor = sourceActor(job.organizationId, 'sync:schedule');
    try {
      await this.sync.runToEnd(actor, job.sourceId, 'SCHEDULE');
    } catch (error) {
      // a run already going (started by hand), a source deleted meanwhile: nothing to do now
      if (!(error instanceof DomainError)) throw error;
      this.logger.log(`scheduled sync of ${job.sourceId}: ${error.message}`);
    }
    await this.tenant.run(actor, async (em) => {
      const source = await em.findOne(TicketSource, { where: { id: job.sourceId } });
      if (source) await this.sources.scheduleSync(em, source);
      // The inbox keeps applied events long enough to recognise any redelivery (trackers retry
      // for hours), not forever; dead letters stay until replayed. Runs keep the last 100.
      await em.query(
        `DELETE FROM source_events
          WHERE organization_id = $3 AND source_id = $1 AND state IN ('APPLIED', 'IGNORED')
            AND received_at < now() - make_interval(days => $2)`,
        [job.sourceId, KEEP_EVENTS_DAYS, actor.organizationId],
      );
      await em.query(
        `DELETE FROM sync_runs WHERE organization_id = $2 AND source_id = $1 AND id NOT IN
           (SELECT id FROM sync_runs WHERE organization_id = $2 AND source_id = $1
             ORDER BY started_at DESC LIMIT 100)`,
        [job.sourceId, actor.organizationId],
      );
    });
  }
}
