// Builds what changed since the last build, so `npm start` answers in seconds:
// - the server (apps and libs): each changed TypeScript file transpiled on its own by swc (the
//   transpiler the tests already run the code through, with the same decorator settings), its
//   `@app/<lib>` imports rewritten to relative paths (Node's ESM loader knows nothing of tsconfig
//   paths). Type errors are the business of `npm run typecheck`, which `npm test` runs: a start
//   never waits for the type checker (about 45 s here for the whole project, against about 2 s).
// - the dashboard (Vite) into dist/dashboard, which the API serves at /, when its sources changed.
// A stamp in dist/ keeps each input's content hash; a file deleted since the last build has its
// output removed. `--clean` rebuilds everything from nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

/** The server's sources, as tsconfig.build.json includes them. */
const serverSources = () => [
  ...sourceFiles('apps', (path) => !path.startsWith('apps/dashboard/')),
  ...sourceFiles('libs'),
  ...sourceFiles('test/support'),
];

const SERVER_STAMP = 'dist/.build-server.json';
/** A change to these rebuilds every file (the compiler or its settings changed). */
const SERVER_SETTINGS = ['package-lock.json', 'scripts/build.mjs', 'tsconfig.json'];

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

if (process.argv.includes('--clean')) rmSync('dist', { recursive: true, force: true });
buildServer();
buildIfChanged(dashboardPart());

/**
 * Transpiles the server's changed files (all of them when the settings changed or the output is
 * missing) into dist/, each on its own: no file's output depends on another's.
 */
function buildServer() {
  const started = Date.now();
  const files = serverSources().sort();
  const settings = contentHash(SERVER_SETTINGS);
  const last = readStamp(SERVER_STAMP);
  const complete = last?.settings === settings && existsSync('dist/apps/api/src/main.js');
  const before = complete ? last.files : {};
  const now = {};
  let built = 0;
  rmSync(SERVER_STAMP, { force: true });
  for (const file of files) {
    const hash = contentHash([file]);
    now[file] = hash;
    if (before[file] === hash) continue;
    transpile(file);
    built++;
  }
  let removed = 0;
  for (const file of Object.keys(before)) {
    if (now[file]) continue;
    for (const out of [outputOf(file), `${outputOf(file)}.map`]) rmSync(out, { force: true });
    removed++;
  }
  writeFileSync(SERVER_STAMP, JSON.stringify({ settings, files: now }));
  const took = Date.now() - started;
  console.log(
    built || removed
      ? `server: transpiled ${built} file(s)${removed ? `, removed ${removed}` : ''} (${(took / 1000).toFixed(1)} s)`
      : `server: up to date (${took} ms)`,
  );
}

function transpile(file) {
  const out = outputOf(file);
  const { code, map } = transformFileSync(file, {
    ...SWC_OPTIONS,
    filename: file,
    outputPath: out,
    sourceFileName: relative(dirname(out), file),
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${withRelativeAliases(code, out)}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`,
  );
  if (map) writeFileSync(`${out}.map`, map);
}

/** `@app/<lib>` (tsconfig paths) as the relative path from `out` to that lib's built index. */
function withRelativeAliases(code, out) {
  return code.replace(/(['"])@app\/([a-z-]+)\1/g, (_, quote, lib) => {
    let path = relative(dirname(out), `dist/libs/${lib}/src/index.js`);
    if (!path.startsWith('.')) path = `./${path}`;
    return `${quote}${path}${quote}`;
  });
}

function outputOf(file) {
  return join('dist', file.replace(/\.ts$/, '.js'));
}

/** The dashboard: rebuilt by Vite when any of its inputs changed. */
function dashboardPart() {
  return {
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
}

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
