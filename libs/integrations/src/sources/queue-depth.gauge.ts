import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { readQueueDepthAtScrape } from '@app/common';
import { Database, JOB_QUEUES, JOB_SCHEMA } from '@app/database';

/**
 * The metric `throughline_source_events_queued`: stored webhook events whose job is not done yet
 * (waiting, retrying or running), over all organizations, read when /metrics is scraped. One
 * statement on the job queue's table (no tenant data: ids and states), answering a count only; the
 * events themselves stay behind row-level security, which a cross-organization count would
 * otherwise have to get around.
 */
@Injectable()
export class QueueDepthGauge implements OnModuleInit, OnApplicationShutdown {
  private undo: (() => void) | null = null;

  constructor(@Inject(Database) private readonly db: Database) {}

  onModuleInit(): void {
    this.undo = readQueueDepthAtScrape(async () => {
      const [row]: { queued: number }[] = await this.db.dataSource.query(
        `SELECT count(*)::int AS queued FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state < 'completed'`,
        [JOB_QUEUES.events],
      );
      return row.queued;
    });
  }

  onApplicationShutdown(): void {
    this.undo?.();
  }
}
