/**
 * Error codes of a database that cannot be reached or is going away: the network (the server is
 * down or unreachable), PostgreSQL's connection exceptions (class 08), its shutdown and start-up
 * (57P01-57P03) and "too many connections" (53300).
 */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** What node-postgres and its pool say when a connection is lost or cannot be had in time. */
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not queryable|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether `error` means the database is unreachable for now (it was stopped, restarted, or the
 * pool could not get a connection in time) rather than that the request or the code is wrong:
 * the caller may try the same request again a moment later. Looks through TypeORM's
 * `driverError` and `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    e =
      (e as { driverError?: unknown; cause?: unknown }).driverError ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}
