// Builds what changed since the last build, so a second `npm start` answers in seconds:
// - the server (apps and libs): tsc, incremental, then tsc-alias rewrites the `@app/<lib>` path
//   aliases to relative imports (Node's ESM loader knows nothing of tsconfig paths);
// - the dashboard (Vite) into dist/dashboard, which the API serves at /.
// Each part is skipped when the contents of its inputs hash the same as at its last successful
// build (a stamp in dist/); a file deleted since then cleans that part's output first, since an
// incremental compile leaves the old output behind. `--clean` rebuilds everything from nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SERVER = {
  name: 'server',
  stamp: 'dist/.build-server.json',
  output: 'dist/apps/api/src/main.js',
  inputs: () => [
    ...sourceFiles('apps', (path) => !path.startsWith('apps/dashboard/')),
    ...sourceFiles('libs'),
    ...sourceFiles('test/support'),
    'tsconfig.json',
    'tsconfig.build.json',
    'package-lock.json',
    'scripts/build.mjs',
  ],
  clean: () => {
    for (const dir of ['dist/apps', 'dist/libs', 'dist/test', 'dist/.tsbuildinfo']) {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  build: () => {
    run('node_modules/typescript/bin/tsc', [
      '-p',
      'tsconfig.build.json',
      '--incremental',
      '--tsBuildInfoFile',
      'dist/.tsbuildinfo',
    ]);
    run('node_modules/tsc-alias/dist/bin/index.js', [
      '-p',
      'tsconfig.build.json',
      '--resolve-full-paths',
    ]);
  },
};

const DASHBOARD = {
  name: 'dashboard',
  stamp: 'dist/.build-dashboard.json',
  output: 'dist/dashboard/index.html',
  inputs: () => [...listFiles('apps/dashboard'), 'package-lock.json', 'scripts/build.mjs'],
  // Vite empties its output folder itself
  clean: () => {},
  build: () => {
    run('node_modules/vite/bin/vite.js', [
      'build',
      '--config',
      'apps/dashboard/vite.config.ts',
      '--logLevel',
      'warn',
    ]);
    run('scripts/dashboard-size.mjs', []);
  },
};

if (process.argv.includes('--clean')) rmSync('dist', { recursive: true, force: true });
for (const part of [SERVER, DASHBOARD]) buildIfChanged(part);

function buildIfChanged(part) {
  const started = Date.now();
  const files = part.inputs().sort();
  const hash = contentHash(files);
  const last = readStamp(part.stamp);
  if (last?.hash === hash && existsSync(part.output)) {
    console.log(`${part.name}: up to date (${Date.now() - started} ms)`);
    return;
  }
  const now = new Set(files);
  if (!last || last.files.some((file) => !now.has(file)) || !existsSync(part.output)) {
    part.clean();
  }
  // a failed build leaves no stamp: the next one compiles again
  rmSync(part.stamp, { force: true });
  part.build();
  writeFileSync(part.stamp, JSON.stringify({ hash, files }));
  console.log(`${part.name}: built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function run(bin, args) {
  execFileSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
}

/** The TypeScript sources under `dir` that the server build compiles (specs are not). */
function sourceFiles(dir, keep = () => true) {
  return listFiles(dir).filter(
    (path) => path.endsWith('.ts') && !path.endsWith('.spec.ts') && keep(path),
  );
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split('/').includes('node_modules'));
}

function contentHash(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function readStamp(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
