/** Why the database could not be started or reached at start-up. */
export type DatabaseStartReason =
  | 'PORT_IN_USE'
  | 'BINARIES_MISSING'
  | 'NO_POSTGRES_USER'
  | 'UNREACHABLE'
  | 'INITDB_FAILED'
  | 'DISK_FULL'
  | 'INCOMPATIBLE_DATA'
  | 'START_FAILED'
  | 'CONNECT_FAILED';

/**
 * A failure to start or reach the database that the operator can act on: the message names the
 * cause and what to do. The API and the CLI print it as one line, without a stack trace, and
 * exit 1; anything else that fails at start-up is a bug and keeps its stack trace.
 */
export class DatabaseStartError extends Error {
  constructor(
    readonly reason: DatabaseStartReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}
