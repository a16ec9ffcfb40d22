// `npm run soak`: builds what changed (scripts/build.mjs skips what is up to date), then runs the
// soak (apps/soak) against the production build. SOAK_SECONDS sets the length of the load
// (default 60).
import { execFileSync, spawnSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const result = spawnSync(process.execPath, ['dist/apps/soak/src/main.js'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
