import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { QueryLogger, type LogSink } from './query-logger.js';

// Calendar dates stay 'YYYY-MM-DD' strings: no time zone can shift them (also in raw SQL rows).
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * The one DataSource definition used by the API, the CLI, the migrations and the tests.
 * `synchronize` is never on: the schema changes only through the committed migrations.
 */
export function dataSourceOptions(url: string, sink?: LogSink): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    logging: ['query', 'error', 'warn'],
    logger: new QueryLogger(sink),
    maxQueryExecutionTime: 1000,
    applicationName: 'throughline',
    extra: {
      max: 10,
      // node-postgres waits forever for a pooled connection by default.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  };
}

export function createDataSource(url: string, sink?: LogSink): DataSource {
  return new DataSource(dataSourceOptions(url, sink));
}
