import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: Record<string, LogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
};

/** One JSON object per line, for log shippers (Nest's built-in JSON mode). */
export function createJsonLogger(level: string): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: LEVELS[level] ?? LEVELS.info, colors: false });
}
