import { join } from 'node:path';
import pg from 'pg';
import {
  DataSource,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  type EntityManager,
} from 'typeorm';
import type { Env } from '@app/config';
import { DomainError } from '@app/domain';
import { createDataSource, dataSourceOptions } from './data-source.js';
import {
  dropIdleStandbySlot,
  startEmbeddedStandby,
  type EmbeddedStandby,
} from './embedded/standby.js';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './embedded-postgres.js';
import type { LogSink } from './query-logger.js';
import { ReadRouter } from './read-routing.js';
import { inRequestTurn, markRequestWrote, statementTimeoutMs } from './request-scope.js';
import { DatabaseStartError } from './start-error.js';
import { tenantManager } from './tenant-manager.js';
import { isDatabaseUnavailable } from './unavailable.js';

/** The role the app works as: no superuser, no BYPASSRLS, so row-level security applies. */
export const APP_ROLE = 'throughline_app';

/**
 * Who a transaction runs for. Row-level security policies read these settings; `organizationId`
 * null means "no tenant": tenant tables then show no rows at all.
 */
export interface TenantScope {
  organizationId: string | null;
  userId?: string | null;
  /** only the sign-in path sets this, to read one user by e-mail (see the users policy) */
  authEmail?: string | null;
  /**
   * only the webhook route sets this, to read the one source its path names before the tenant is
   * known (see the ticket_sources policy `webhook_source`)
   */
  webhookSourceId?: string | null;
  /**
   * What the audit log records as the operation (the mutation's name, `cli:import-plan`, ...) and
   * the API token the request came with. Left unset, a scope applied again inside a transaction
   * keeps the values already set.
   */
  operation?: string | null;
  apiTokenId?: string | null;
}

/**
 * How a transaction runs. The default is READ COMMITTED, read-write. REPEATABLE READ makes every
 * statement of the transaction see the one snapshot taken at its first statement.
 */
export interface TransactionOptions {
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  readOnly?: boolean;
  /** begins with the memory of a report (REPORT_WORK_MEM), set in the first message */
  reportMemory?: boolean;
}

/**
 * The memory one sort or hash of a report may use. A report hashes tens of thousands of tickets by
 * their (long) set of initiatives: with PostgreSQL's default 4 MB the planner sorts on disk instead
 * (measured: 98 ms vs 65 ms for 50k tickets). Transaction-local, so only reports get it.
 */
export const REPORT_WORK_MEM = '32MB';

/**
 * Gives the transaction of `em` a report's memory, unless it began with it (TransactionOptions
 * reportMemory: no statement of its own then).
 */
export async function useReportMemory(em: EntityManager): Promise<void> {
  const data = em.queryRunner?.data as { reportMemory?: boolean } | undefined;
  if (data?.reportMemory) return;
  await em.query(`SELECT set_config('work_mem', '${REPORT_WORK_MEM}', true)`);
  if (data) data.reportMemory = true;
}

export interface DatabaseLog extends LogSink {
  log(message: string): void;
}

/** What Database.open reads of the environment; the read replica's part is optional. */
export type DatabaseEnv = Pick<Env, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'> &
  Partial<
    Pick<Env, 'databaseReadUrl' | 'embeddedStandby' | 'embeddedStandbyPort' | 'readReplicaMaxLagMs'>
  > & {
    /** how often the standby's lag is measured (default 200 ms) */
    readReplicaPollMs?: number;
  };

/**
 * The connection to PostgreSQL (embedded when DATABASE_URL is unset), the migration runner and the
 * tenant transaction. Every query of the app goes through `transaction`, which switches to the app
 * role and sets the organization inside that same transaction.
 */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    private readonly embedded: EmbeddedDatabase | null,
    /** the connection URL (with its credentials): for pg-boss's pool of its own */
    readonly url: string,
    /** where report reads may go (README, Read replicas); null: every read on the primary */
    private readonly reads: ReadRouter | null,
    private readonly standby: EmbeddedStandby | null,
  ) {}

  static async open(env: DatabaseEnv, log: DatabaseLog): Promise<Database> {
    let embedded: EmbeddedDatabase | null = null;
    let standby: EmbeddedStandby | null = null;
    let url = env.databaseUrl;
    let readUrl = env.databaseReadUrl ?? null;
    if (url === null) {
      embedded = await startEmbeddedPostgres({
        dataDir: join(env.dataDir, 'postgres'),
        port: env.embeddedPgPort,
        log: (m) => (/error|fatal/i.test(m) ? log.warn(m) : undefined),
        notice: (m) => log.log(m),
      });
      try {
        url = await ensureDatabase(embedded.url, 'throughline');
      } catch (error) {
        await embedded.stop();
        throw error;
      }
      const cluster = embedded.clusterDir;
      log.log(
        `embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${env.dataDir}` +
          (cluster.startsWith(`${env.dataDir}/`) ? '' : ` (its cluster in ${cluster})`),
      );
      if (env.embeddedStandby) {
        try {
          standby = await startEmbeddedStandby({
            primary: embedded,
            dataDir: join(env.dataDir, 'postgres-standby'),
            port: env.embeddedStandbyPort ?? embedded.port + 1,
            // its stop ends the WAL receiver with a FATAL line that is no trouble
            log: (m) =>
              /error|fatal/i.test(m) && !/terminating walreceiver .* administrator command/.test(m)
                ? log.warn(m)
                : undefined,
            notice: (m) => log.log(m),
          });
        } catch (error) {
          await embedded.stop();
          throw error;
        }
        readUrl = standby.databaseUrl('throughline');
        log.log(`embedded standby on 127.0.0.1:${standby.port}: report reads may go to it`);
      } else if (await dropIdleStandbySlot(embedded.url).catch(() => false)) {
        log.log('dropped the replication slot of an embedded standby no longer used');
      }
    }
    const dataSource = createDataSource(url, log);
    try {
      await dataSource.initialize();
    } catch (error) {
      await standby?.stop();
      await embedded?.stop();
      throw new DatabaseStartError(
        'CONNECT_FAILED',
        `cannot connect to PostgreSQL at ${describeUrl(url)}` +
          `${embedded ? '' : ' (DATABASE_URL)'}: ${String((error as Error).message ?? error)}. ` +
          'Check that the server runs and accepts this user and password.',
        { cause: error },
      );
    }
    const reads = readUrl ? await openReadRouter(dataSource, url, readUrl, env, log) : null;
    return new Database(dataSource, embedded, url, reads, standby);
  }

  /** Whether report reads may go to a standby (DATABASE_READ_URL or EMBEDDED_STANDBY). */
  get hasReadReplica(): boolean {
    return this.reads !== null;
  }

  /**
   * The standby's replay lag at its last measurement (seconds), null when there is no standby or
   * it could not be measured (down): for the replica-lag gauge. Costs nothing: measured in the
   * background.
   */
  replicaLagSeconds(): number | null {
    return this.reads?.lagSeconds() ?? null;
  }

  /** The standby's name (host:port/database, no credentials) and lag; null without one. */
  replicaState(): { replica: string; lagSeconds: number | null } | null {
    if (!this.reads) return null;
    return { replica: describeUrl(this.reads.replicaUrl), lagSeconds: this.reads.lagSeconds() };
  }

  /** Runs pending migrations under an advisory lock, so replicas starting together take turns. */
  async migrate(): Promise<string[]> {
    return this.withSessionLock('throughline:migrations', async () => {
      const ran = await this.dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    });
  }

  async hasPendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }

  /** Holds a session-level advisory lock while `work` runs (migrations, demo seeding). */
  async withSessionLock<T>(name: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * One transaction as the app role for one tenant. Everything `work` does with `em` is subject to
   * row-level security for `scope.organizationId`; a failure rolls all of it back. `options` asks
   * for another isolation level or a read-only transaction (reports on one snapshot). Within an
   * HTTP request the request's transactions take turns, so one request holds at most one
   * connection, and none starts after the request's deadline (see request-scope.ts). An
   * unreachable database fails it with DomainError SERVICE_UNAVAILABLE.
   */
  async transaction<T>(
    scope: TenantScope,
    work: (em: EntityManager) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const reads = this.reads;
    let wrote = false;
    const on = (source: DataSource) => async () => {
      const done = await inOneTransaction(
        source,
        scope,
        options,
        work,
        !!reads && !options.readOnly,
      );
      wrote = done.wrote;
      if (wrote) markRequestWrote();
      return done.result;
    };
    try {
      return await inRequestTurn(async () => {
        // A hot standby runs no SERIALIZABLE transaction; reads of this request after its write,
        // and reads before the standby replayed the tenant's last write, stay on the primary.
        if (
          reads &&
          options.readOnly &&
          options.isolation !== 'SERIALIZABLE' &&
          reads.useReplica(scope)
        ) {
          try {
            return await on(reads.replica)();
          } catch (error) {
            if (!reads.failedOnReplica(error)) throw error;
          }
          return on(this.dataSource)();
        }
        const result = await on(this.dataSource)();
        if (wrote) await reads?.wrote(scope);
        return result;
      });
    } catch (error) {
      // The database went away (restart, outage) or no connection came in time: a coded
      // SERVICE_UNAVAILABLE the client may retry, not an internal error. Inside a transaction
      // nothing of ours releases its query runner: TypeORM does when the connection fails
      // between two statements (e.g. before COMMIT, or between START TRANSACTION and the scope),
      // and the next statement finds it released (either of TypeORM's two errors for that).
      const lost =
        isDatabaseUnavailable(error) ||
        error instanceof QueryRunnerAlreadyReleasedError ||
        error instanceof QueryRunnerProviderAlreadyReleasedError;
      throw lost ? DomainError.unavailable() : error;
    }
  }

  /**
   * The pool's connections now (node-postgres counts them; TypeORM keeps the pool as its driver's
   * `master`): for the metrics, read at scrape time. Null once closed.
   */
  poolUse(): { total: number; idle: number; waiting: number } | null {
    const pool = (this.dataSource.driver as { master?: PgPoolCounts }).master;
    if (!this.dataSource.isInitialized || !pool) return null;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.reads?.stop();
    if (this.reads?.replica.isInitialized) await this.reads.replica.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.standby?.stop();
    await this.embedded?.stop();
  }
}

/**
 * The standby's DataSource and the router that measures its lag. A standby that cannot be reached
 * at start does not stop the app: reads go to the primary, and the router connects when the
 * standby answers.
 */
async function openReadRouter(
  primary: DataSource,
  primaryUrl: string,
  replicaUrl: string,
  env: DatabaseEnv,
  log: DatabaseLog,
): Promise<ReadRouter> {
  const options = dataSourceOptions(replicaUrl, log);
  // a standby that does not answer must cost a read little before it goes to the primary
  const replica = new DataSource({
    ...options,
    // a standby refuses CREATE EXTENSION: the primary's migrations made what it needs
    installExtensions: false,
    extra: { ...(options.extra as object), connectionTimeoutMillis: 2_000 },
  } as typeof options);
  const router = new ReadRouter(primary, replica, {
    primaryUrl,
    replicaUrl,
    maxLagMs: env.readReplicaMaxLagMs ?? 1_000,
    pollMs: env.readReplicaPollMs,
    log,
  });
  try {
    await replica.initialize();
  } catch (error) {
    log.warn(
      `read replica at ${describeUrl(replicaUrl)} does not answer (${String((error as Error).message ?? error)}): reads go to the primary until it does`,
    );
  }
  await router.start();
  return router;
}

/** What pg.Pool counts (its public getters). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** host:port/database of a connection URL, without the credentials. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Switches the current transaction to the app role and the given tenant scope (transaction-local
 * settings, gone at COMMIT). Called again inside a transaction when the sign-in path learns who the
 * user is. A statement may run 30 s at most, and never past the HTTP request's deadline.
 */
export async function applyScope(em: EntityManager, scope: TenantScope): Promise<void> {
  const values = scopeValues(scope);
  await em.query(
    scopeStatement((i) => `$${i + 1}`),
    values,
  );
}

/** The values of the scope's settings, in the order scopeStatement numbers them. */
function scopeValues(scope: TenantScope): (string | null)[] {
  return [
    APP_ROLE,
    scope.organizationId ?? '',
    scope.userId ?? '',
    scope.authEmail?.toLowerCase() ?? '',
    scope.operation ?? null,
    scope.apiTokenId ?? null,
    `${statementTimeoutMs()}ms`,
    scope.webhookSourceId ?? '',
  ];
}

/** The statement that applies a scope, its value number `i` (from 0) written by `value(i)`. */
function scopeStatement(value: (i: number) => string): string {
  return `SELECT set_config('role', ${value(0)}, true),
            set_config('statement_timeout', ${value(6)}, true),
            set_config('app.organization_id', ${value(1)}, true),
            set_config('app.user_id', ${value(2)}, true),
            set_config('app.auth_email', ${value(3)}, true),
            set_config('app.operation', COALESCE(${value(4)}, current_setting('app.operation', true), ''), true),
            set_config('app.api_token_id', COALESCE(${value(5)}, current_setting('app.api_token_id', true), ''), true),
            set_config('app.webhook_source_id', ${value(7)}, true)`;
}

/**
 * The first message of a transaction: its start (isolation, read-only) and its scope, as one
 * simple-protocol message of two statements, the scope's values as quoted literals (pg's own
 * escaping, the same the driver applies). One round trip instead of up to four: under load each
 * round trip (a write and a read on both sides) costs more CPU than these statements themselves.
 */
export function beginStatement(scope: TenantScope, options: TransactionOptions): string {
  const modes = [
    options.isolation ? `ISOLATION LEVEL ${options.isolation}` : null,
    options.readOnly ? 'READ ONLY' : null,
  ].filter((m) => m !== null);
  const values = scopeValues(scope);
  const literal = (i: number) => (values[i] === null ? 'NULL' : pg.escapeLiteral(values[i]));
  const memory = options.reportMemory ? `, set_config('work_mem', '${REPORT_WORK_MEM}', true)` : '';
  return `START TRANSACTION${modes.length ? ` ${modes.join(', ')}` : ''}; ${scopeStatement(literal)}${memory}`;
}

/** Whether the transaction wrote (an xid is assigned at the first write only), then COMMIT. */
const WROTE_AND_COMMIT = 'SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS wrote; COMMIT';

/**
 * One transaction on `source` in the fewest round trips: beginStatement, `work`, then COMMIT, with
 * the write check in the same message when `checkWrote`. It does what TypeORM's
 * EntityManager.transaction does otherwise: the query runner counts as in a transaction, so `save`
 * and a nested `transaction` use savepoints instead of starting one; any failure rolls back.
 */
async function inOneTransaction<T>(
  source: DataSource,
  scope: TenantScope,
  options: TransactionOptions,
  work: (em: EntityManager) => Promise<T>,
  checkWrote: boolean,
): Promise<{ result: T; wrote: boolean }> {
  const runner = source.createQueryRunner();
  // TypeORM's own marks of a started transaction (what startTransaction sets)
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  try {
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    await runner.query(beginStatement(scope, options));
    (runner.data as { reportMemory?: boolean }).reportMemory = options.reportMemory === true;
    const result = await work(
      scope.organizationId ? tenantManager(runner.manager, scope.organizationId) : runner.manager,
    );
    let wrote = false;
    if (checkWrote) {
      // two results: TypeORM's query answers only one, so the driver's client is asked directly
      const client = (await runner.connect()) as pg.PoolClient;
      source.logger.logQuery(WROTE_AND_COMMIT, [], runner);
      let results: pg.QueryResult<{ wrote: boolean }>[];
      try {
        results = (await client.query(WROTE_AND_COMMIT)) as unknown as typeof results;
      } catch (error) {
        throw new QueryFailedError(WROTE_AND_COMMIT, [], error as Error);
      }
      wrote = results[0]?.rows[0]?.wrote === true;
    } else {
      await runner.query('COMMIT');
    }
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    return { result, wrote };
  } catch (error) {
    if (state.isTransactionActive) {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      // the original error is the answer, whatever the rollback does (after a failed COMMIT
      // there is nothing left to roll back: PostgreSQL ended the transaction)
      await runner.query('ROLLBACK').catch(() => undefined);
    }
    throw error;
  } finally {
    await runner.release();
  }
}
