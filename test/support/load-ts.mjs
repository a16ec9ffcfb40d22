// Jest loads globalSetup outside its module system (no moduleNameMapper, no ESM transform), so
// the one TypeScript module it needs is transpiled here with swc into node_modules/.cache, from
// where its bare imports resolve as usual. Only for modules whose imports are packages or builtins.
import { transformFileSync } from '@swc/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function importTs(relativePath) {
  const source = join(root, relativePath);
  const { code } = transformFileSync(source, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
  });
  const outDir = join(root, 'node_modules/.cache/throughline');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, basename(source).replace(/\.ts$/, '.mjs'));
  writeFileSync(out, code);
  return import(pathToFileURL(out).href);
}
