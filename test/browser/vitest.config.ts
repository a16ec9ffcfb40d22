// The dashboard's browser tests: the real built server (dist/) on a fresh embedded database with
// the demo organization, driven through Debian's Chromium by playwright-core. Run them with
// `npm run test:browser` (builds first) or `node scripts/test-browser.mjs` after a build.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
