import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DatabaseStartError,
  ensureDatabase,
  removeEmbeddedCluster,
  startEmbeddedPostgres,
  startEmbeddedStandby,
  type EmbeddedDatabase,
  type EmbeddedStandby,
} from '@app/database';
import { freePort } from '@app/common';

/** The application's database on the primary (the replicas' DATABASE_URL). */
export const DATABASE_NAME = 'throughline';

export interface ClusterDatabases {
  primary: EmbeddedDatabase;
  standby: EmbeddedStandby;
  /** the application database on the primary, as its superuser */
  url: string;
  /** the same database on the standby (the replicas' DATABASE_READ_URL) */
  readUrl: string;
}

interface Ports {
  primary: number;
  standby: number;
}

/**
 * The primary and its streaming standby: the API's own embedded PostgreSQL (the bundled binaries,
 * as root run as the postgres user), clusters in DATA_DIR/primary and DATA_DIR/standby, kept
 * between runs. Their ports are kept too (DATA_DIR/ports.json) while free: the standby's
 * primary_conninfo names the primary's port, so when the primary must move to another port the
 * standby is copied afresh instead of reused.
 */
export async function startDatabases(
  dataDir: string,
  notice: (m: string) => void,
): Promise<ClusterDatabases> {
  const file = join(dataDir, 'ports.json');
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Ports) : null;
  // PostgreSQL's own lines, one file per server (few: start, stop, checkpoints, errors)
  const logTo = (name: string) => (line: string) =>
    appendFileSync(join(dataDir, 'logs', `${name}.log`), `${line}\n`);
  // the last run's port, unless another program has taken it meanwhile (a server the last run
  // left running is stopped first by the start itself, and its port reused)
  const primary = await onKeptPort(before?.primary, (port) =>
    startEmbeddedPostgres({
      dataDir: join(dataDir, 'primary'),
      port,
      log: logTo('primary'),
      notice,
    }),
  );
  const ports: Ports = { primary: primary.port, standby: before?.standby ?? (await freePort()) };
  const url = await ensureDatabase(primary.url, DATABASE_NAME);
  const standbyDir = join(dataDir, 'standby');
  if (before && before.primary !== ports.primary && existsSync(standbyDir)) {
    notice(`the primary moved to port ${ports.primary}: copying the standby afresh`);
    removeEmbeddedCluster(standbyDir);
  }
  try {
    const standby = await onKeptPort(ports.standby, (port) =>
      startEmbeddedStandby({
        primary,
        dataDir: standbyDir,
        port,
        log: logTo('standby'),
        notice,
      }),
    );
    writeFileSync(file, `${JSON.stringify({ ...ports, standby: standby.port })}\n`);
    return { primary, standby, url, readUrl: standby.databaseUrl(DATABASE_NAME) };
  } catch (error) {
    await primary.stop();
    throw error;
  }
}

/** Starts on `port` (the last run's), or on a free one when there is none or it is taken. */
async function onKeptPort<T>(
  port: number | undefined,
  start: (port: number) => Promise<T>,
): Promise<T> {
  if (port !== undefined) {
    try {
      return await start(port);
    } catch (error) {
      if (!(error instanceof DatabaseStartError && error.reason === 'PORT_IN_USE')) throw error;
    }
  }
  return start(await freePort());
}
