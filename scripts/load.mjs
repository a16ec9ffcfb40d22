// `npm run load`: builds what changed (scripts/build.mjs skips what is up to date), then runs the
// load (apps/load) against the cluster that `npm run cluster` runs on DATA_DIR (default
// data/cluster). Its options follow `--`: npm run load -- --seconds 20 --clients 10.
import { execFileSync, spawnSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const result = spawnSync(
  process.execPath,
  ['dist/apps/cluster/src/load/main.js', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
