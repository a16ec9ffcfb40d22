// The leadership dashboard: built to dist/dashboard, which the API serves at / (apps/api/src/dashboard).
// `npm run dashboard:dev` serves it with hot reload and sends /graphql to the API on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // react-router marks its modules "use client" for React Server Components; irrelevant here
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://localhost:3000', '/exports': 'http://localhost:3000' },
  },
  test: {
    root: here,
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
