import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadEnv, type Env } from '@app/config';
// The bench measures the real API, composed exactly as the server composes it.
// eslint-disable-next-line no-restricted-imports
import { createApp } from '../../api/src/bootstrap.js';

/**
 * The environment variables of a bench run on a throwaway database: fixed secrets (any 32 bytes
 * do for a database dropped afterwards), production mode, no demo; `extra` for a part's own
 * settings. As variables, so that a CLI process the bench starts gets the same.
 */
export function benchVariables(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret!',
    SECRETS_KEY: '62656e63682d7365637265742d62656e63682d7365637265742d62656e636821',
    NODE_ENV: 'production',
    DEMO: 'false',
    ...extra,
  };
}

/** The same, read as the app reads its environment. */
export function benchEnv(databaseUrl: string, extra: Record<string, string> = {}): Env {
  return loadEnv(benchVariables(databaseUrl, extra));
}

/** The API as the server composes it, listening on a free loopback port (it migrates at start). */
export async function startBenchApp(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<NestExpressApplication> {
  const app = await createApp(benchEnv(databaseUrl, extra), {
    logs: process.env.BENCH_LOGS === '1',
  });
  await app.listen(0, '127.0.0.1');
  return app;
}
