// `npm run soak`: builds when dist/ is missing or older than the sources, then runs the soak
// (apps/soak) against the production build. SOAK_SECONDS sets the length of the load (default 60).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOAK = 'dist/apps/soak/src/main.js';
const SOURCES = [
  'apps',
  'libs',
  'test/support',
  'demo',
  'schema.gql',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** The newest modification time under a file or folder (node_modules and dist left out). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const built =
  existsSync(SOAK) && existsSync('dist/apps/api/src/main.js') ? statSync(SOAK).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newest))) {
  console.log(
    built ? 'sources changed since the last build: building ...' : 'no build yet: building ...',
  );
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
const result = spawnSync(process.execPath, [SOAK], { stdio: 'inherit' });
process.exit(result.status ?? 1);
