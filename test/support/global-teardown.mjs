import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  await globalThis.__THROUGHLINE_PG__?.stop();
  if (process.env.TEST_PG_DATA_DIR)
    rmSync(process.env.TEST_PG_DATA_DIR, { recursive: true, force: true });
}
