import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's demo/ folder, found from this file whether it runs from src or dist. */
export function demoFile(name: 'plan.yaml' | 'jira.csv'): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json) for demo/');
    dir = parent;
  }
  return readFileSync(join(dir, 'demo', name), 'utf8');
}
