import type { LoggerService } from '@nestjs/common';
import {
  pino,
  stdTimeFunctions,
  type DestinationStream,
  type Logger,
  type LevelWithSilent,
} from 'pino';

export type RootLogger = Logger;

export interface RootLoggerOptions {
  /** LOG_LEVEL; `silent` writes nothing (the tests' apps) */
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** human-readable lines (pino-pretty) instead of JSON lines: development in a terminal */
  pretty: boolean;
  /** the id of the request being handled (the request scope's), added to every line */
  requestId?: () => string | undefined;
  /** where JSON lines go: stdout unless given (a test reads them) */
  destination?: DestinationStream;
}

/** Fields that may carry a secret, and the headers that do. */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'secret',
  'webhookSecret',
  'webhook_secret',
  'credentials',
];
const SECRET_HEADERS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-hub-signature',
  'x-hub-signature-256',
  'x-hook-secret',
  'x-hook-signature',
  'linear-signature',
  'x-trello-webhook',
];

/**
 * Where a secret may sit in a logged object: a field at its top, or a header in its `headers` or
 * its `req.headers`; replaced by `[redacted]` before the line is written. Nothing the app logs
 * today holds one; this is the net for a future `logger.warn({ headers })`. Exact paths only:
 * pino's wildcard paths (`*.token`) copy the object on every line, which made a line 5 to 15
 * times as costly.
 */
export const REDACTED_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `req.headers["${h}"]`]),
];

/**
 * The process's one pino logger. Production: one JSON object per line on stdout (level as a
 * word, ISO time) for a log shipper; development: pino-pretty's coloured lines. Every line written
 * while an HTTP request is handled carries its `requestId`, read from the request's async context
 * (a mixin, so services need no request-scoped logger of their own).
 */
export async function createRootLogger(options: RootLoggerOptions): Promise<RootLogger> {
  const requestIdOf = options.requestId ?? (() => undefined);
  const settings = {
    level: options.level as LevelWithSilent,
    base: { pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const requestId = requestIdOf();
      return requestId === undefined ? {} : { requestId };
    },
  };
  if (options.destination) return pino(settings, options.destination);
  if (!options.pretty || options.level === 'silent') return pino(settings);
  // loaded only for development: production never imports the prettifier
  const { default: pretty } = await import('pino-pretty');
  return pino(
    settings,
    pretty({
      sync: true, // in order with what else the process writes (console.error at start-up)
      colorize: Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      singleLine: true, // one line per entry: a request's access line stays one line
      messageFormat: '{if context}[{context}] {end}{msg}',
    }),
  );
}

/**
 * Nest's LoggerService over pino, so that Nest's own messages and every `new Logger(context)` of
 * the libraries end up as pino lines (app.useLogger). Nest's convention: the last string argument
 * is the context; an error's other string argument is its stack.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: RootLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    params: unknown[],
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (rest.length > 0 && typeof rest.at(-1) === 'string') fields.context = rest.pop();
    if (level === 'error' && typeof rest[0] === 'string' && rest[0]) fields.stack = rest[0];
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[level]({ ...message, ...fields });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
