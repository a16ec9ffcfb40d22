import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/**
 * Counts every SQL statement sent (tests compare counts; the benchmark prints them). While
 * `capture` is set, statements are also recorded (the benchmark replays them through plain pg).
 */
export const queryCounter: {
  statements: number;
  capture: { query: string; parameters: unknown[] }[] | null;
} = {
  statements: 0,
  capture: null,
};

export interface LogSink {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * TypeORM logger: counts statements, logs slow queries and failures as structured lines, and
 * never logs parameters (they may hold personal data or password hashes).
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly sink: LogSink = console) {}

  logQuery(query: string, parameters?: unknown[]): void {
    queryCounter.statements++;
    queryCounter.capture?.push({ query, parameters: parameters ?? [] });
  }

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    // Constraint violations are expected input errors, mapped to coded API errors elsewhere.
    if (code && /^(23|40|55P03|P0001)/.test(code)) return;
    this.sink.error(
      JSON.stringify({ msg: 'query failed', error: String(error), query: oneLine(query) }),
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.sink.warn(JSON.stringify({ msg: 'slow query', ms: time, query: oneLine(query) }));
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    console.log(JSON.stringify({ level: 'log', context: 'Migrations', message }));
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, _runner?: QueryRunner): void {
    if (level === 'warn') this.sink.warn(String(message));
  }
}

function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').slice(0, 500);
}
