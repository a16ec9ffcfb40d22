import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { Database, JOB_SCHEMA, outsideRequestScope } from '@app/database';

/** Handles the jobs of one fetch (up to the batch size), in the order they were sent. */
export type JobHandler<T> = (batch: T[]) => Promise<void>;

/**
 * The job queue of the live sources: pg-boss on the app's own PostgreSQL (no other server; it
 * works on the embedded database and across API replicas, which fetch jobs with SKIP LOCKED, so
 * a job runs once). Its schema comes from a migration; it runs on a small pool of its own, as the
 * database owner. A job can be sent inside the caller's tenant transaction (`em`), so a stored
 * event and its job commit together; `wake` then starts this process's workers at once instead of
 * at their next poll.
 */
@Injectable()
export class JobQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private readonly workers = new Map<string, string[]>();

  constructor(@Inject(Database) private readonly db: Database) {}

  /** Sends a job; with `em`, inside that transaction. */
  async send(
    queue: string,
    data: object,
    options: { em?: EntityManager; startAfter?: Date; singletonKey?: string } = {},
  ): Promise<void> {
    const boss = await this.started();
    await boss.send(queue, data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.em ? { db: inTransaction(options.em) } : {}),
    });
  }

  /**
   * Jobs of `queue` waiting for a later start whose `data[field]` is one of `values` start now
   * (events held for refused credentials, once the credentials are updated); then wakes the
   * workers. pg-boss has no call to move a job's start, so its job table is updated (pg-boss 10's
   * schema, which the migration pins), on pg-boss's own pool.
   */
  async expedite(queue: string, field: string, values: string[]): Promise<void> {
    if (values.length === 0) return;
    const boss = await this.started();
    await boss.getDb().executeSql(
      `UPDATE ${JOB_SCHEMA}.job SET start_after = now()
          WHERE name = $1 AND state IN ('created', 'retry') AND start_after > now()
            AND data ->> $2 = ANY($3::text[])`,
      [queue, field, values],
    );
    this.wake(queue);
  }

  /** Wakes this process's workers of `queue` (after the job's transaction committed). */
  wake(queue: string): void {
    for (const id of this.workers.get(queue) ?? []) this.boss?.notifyWorker(id);
  }

  /**
   * Starts `count` workers on `queue`, each fetching up to `batchSize` jobs at a time and polling
   * every half second (pg-boss's shortest). The handler must settle every job itself (retries and
   * dead letters are the pipeline's, with its own timing); a throw is left to pg-boss's own
   * retries, meant for a crash.
   */
  async work<T extends object>(
    queue: string,
    handler: JobHandler<T>,
    options: { count: number; batchSize: number },
  ): Promise<void> {
    const boss = await this.started();
    const ids: string[] = [];
    for (let i = 0; i < options.count; i++) {
      const id: string = await boss.work<T>(
        queue,
        { batchSize: options.batchSize, pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          await handler(jobs.map((job) => job.data));
          // A full batch means a backlog: fetch again at once. Otherwise pg-boss waits out the
          // rest of the polling interval after every batch, which caps a worker at batchSize jobs
          // per 0.5 s whatever the hardware.
          if (jobs.length === options.batchSize) boss.notifyWorker(id);
        },
      );
      ids.push(id);
    }
    this.workers.set(queue, [...(this.workers.get(queue) ?? []), ...ids]);
  }

  private started(): Promise<PgBoss> {
    // Started outside any request: pg-boss's timers would otherwise carry that request's scope.
    this.starting ??= outsideRequestScope(async () => {
      const boss = new PgBoss({
        connectionString: this.db.url,
        schema: JOB_SCHEMA,
        application_name: 'throughline-jobs',
        max: 4,
        migrate: false,
        schedule: false,
      });
      boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
      await boss.start();
      this.boss = boss;
      return boss;
    });
    return this.starting;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.starting) return;
    const boss = await this.starting.catch(() => null);
    // graceful: the jobs in hand finish (each is one short transaction) before the pool closes
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

/** pg-boss's database interface over a TypeORM transaction. */
function inTransaction(em: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => ({
      rows: (await em.query(text, values)) as unknown[],
    }),
  } as PgBoss.Db;
}
