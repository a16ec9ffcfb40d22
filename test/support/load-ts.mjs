// Jest loads globalSetup outside its module system (no moduleNameMapper, no ESM transform), so
// the TypeScript modules it needs are transpiled here with swc into node_modules/.cache, with
// their relative imports (followed and transpiled too), from where their bare imports resolve as
// usual. Only for modules whose imports are packages, builtins or relative files.
import { transformFileSync } from '@swc/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules/.cache/throughline');

export async function importTs(relativePath) {
  const done = new Set();
  const entry = transpile(join(root, relativePath), done);
  return import(pathToFileURL(entry).href);
}

function transpile(source, done) {
  const out = join(outDir, relative(root, source)).replace(/\.ts$/, '.mjs');
  if (done.has(source)) return out;
  done.add(source);
  const { code } = transformFileSync(source, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  const rewritten = code.replace(
    /(from\s+|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\.js\2/g,
    (_, lead, quote, path) => {
      transpile(resolve(dirname(source), `${path}.ts`), done);
      return `${lead}${quote}${path}.mjs${quote}`;
    },
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, rewritten);
  return out;
}
