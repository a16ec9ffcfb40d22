// Compiles apps and libs with tsc, then rewrites the `@app/<lib>` path aliases to relative
// imports (tsc-alias), since Node's ESM loader knows nothing of tsconfig paths. Then builds the
// dashboard (Vite) into dist/dashboard, which the API serves at /.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const run = (bin, args) => execFileSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
run('node_modules/tsc-alias/dist/bin/index.js', [
  '-p',
  'tsconfig.build.json',
  '--resolve-full-paths',
]);
run('node_modules/vite/bin/vite.js', [
  'build',
  '--config',
  'apps/dashboard/vite.config.ts',
  '--logLevel',
  'warn',
]);
run('scripts/dashboard-size.mjs', []);
