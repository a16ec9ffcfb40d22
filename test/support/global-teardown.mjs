import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  await globalThis.__THROUGHLINE_PG__?.stop();
  // the cluster, also where DATA_DIR/postgres links to when it lives in a shared directory
  globalThis.__THROUGHLINE_PG_REMOVE__?.();
  if (process.env.TEST_PG_DATA_DIR)
    rmSync(process.env.TEST_PG_DATA_DIR, { recursive: true, force: true });
}
