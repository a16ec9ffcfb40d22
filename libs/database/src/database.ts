import { join } from 'node:path';
import {
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  type DataSource,
  type EntityManager,
} from 'typeorm';
import type { Env } from '@app/config';
import { DomainError } from '@app/domain';
import { createDataSource } from './data-source.js';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './embedded-postgres.js';
import type { LogSink } from './query-logger.js';
import { inRequestTurn, statementTimeoutMs } from './request-scope.js';
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
}

export interface DatabaseLog extends LogSink {
  log(message: string): void;
}

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
  ) {}

  static async open(
    env: Pick<Env, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>,
    log: DatabaseLog,
  ): Promise<Database> {
    let embedded: EmbeddedDatabase | null = null;
    let url = env.databaseUrl;
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
    }
    const dataSource = createDataSource(url, log);
    try {
      await dataSource.initialize();
    } catch (error) {
      await embedded?.stop();
      throw new DatabaseStartError(
        'CONNECT_FAILED',
        `cannot connect to PostgreSQL at ${describeUrl(url)}` +
          `${embedded ? '' : ' (DATABASE_URL)'}: ${String((error as Error).message ?? error)}. ` +
          'Check that the server runs and accepts this user and password.',
        { cause: error },
      );
    }
    return new Database(dataSource, embedded, url);
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
    const run = async (em: EntityManager) => {
      if (options.readOnly) await em.query('SET TRANSACTION READ ONLY');
      await applyScope(em, scope);
      return work(scope.organizationId ? tenantManager(em, scope.organizationId) : em);
    };
    try {
      return await inRequestTurn(() =>
        options.isolation
          ? this.dataSource.transaction(options.isolation, run)
          : this.dataSource.transaction(run),
      );
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

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
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
  await em.query(
    `SELECT set_config('role', $1, true),
            set_config('statement_timeout', $7, true),
            set_config('app.organization_id', $2, true),
            set_config('app.user_id', $3, true),
            set_config('app.auth_email', $4, true),
            set_config('app.operation', COALESCE($5, current_setting('app.operation', true), ''), true),
            set_config('app.api_token_id', COALESCE($6, current_setting('app.api_token_id', true), ''), true),
            set_config('app.webhook_source_id', $8, true)`,
    [
      APP_ROLE,
      scope.organizationId ?? '',
      scope.userId ?? '',
      scope.authEmail?.toLowerCase() ?? '',
      scope.operation ?? null,
      scope.apiTokenId ?? null,
      `${statementTimeoutMs()}ms`,
      scope.webhookSourceId ?? '',
    ],
  );
}
