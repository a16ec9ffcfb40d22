// Runs the dashboard's browser tests (test/browser) against the built server (run after
// `npm run build`). Without Chromium they are skipped with a plain message, and the run passes:
// `npm ci && npm test` works with Node alone; .ci/run installs Chromium so CI always runs them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`browser tests did not run: Chromium not found at ${chromium}`);
  console.log('(install it with: apt-get install -y --no-install-recommends chromium)');
  process.exit(0);
}
try {
  execFileSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/browser/vitest.config.ts'],
    { stdio: 'inherit' },
  );
} catch {
  process.exit(1);
}
