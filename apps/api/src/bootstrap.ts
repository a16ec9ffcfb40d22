import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createJsonLogger, type Env } from '@app/config';
import type { Database } from '@app/database';
import { AppModule } from './app.module.js';

/** Request bodies stay modest so one request cannot exhaust the server (large files: the CLI). */
export const BODY_LIMIT = '10mb';

/**
 * Builds the API application (used by main.ts and by the end-to-end tests) on `database` when
 * given (main.ts opens it first), else on one it opens. A failure rejects instead of exiting
 * the process, so the caller can stop what it started.
 */
export async function createApp(
  env: Env,
  options: { logs?: boolean; database?: Database } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(env, { database: options.database }),
    {
      logger: options.logs === false ? false : createJsonLogger(env.logLevel),
      bodyParser: false,
      abortOnError: false,
    },
  );
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('text', { limit: BODY_LIMIT });
  // Shutdown signals are handled by main.ts (close everything, then exit 0); tests close the app.
  return app;
}
