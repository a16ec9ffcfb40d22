import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** One import placed in a file at `path`, and whether the lint must refuse it. */
interface Case {
  path: string;
  source: string;
  refused: boolean;
}

const CASES: Case[] = [
  // libs/domain: an allowlist, its own files only (specs also fast-check)
  { path: 'libs/domain/src/probe.ts', source: '../src/bounds.js', refused: false },
  { path: 'libs/domain/src/alignment/probe.ts', source: '../bounds.js', refused: false },
  { path: 'libs/domain/src/probe.ts', source: '@nestjs/common', refused: true },
  { path: 'libs/domain/src/probe.ts', source: 'left-pad', refused: true },
  { path: 'libs/domain/src/probe.ts', source: 'node:fs', refused: true },
  { path: 'libs/domain/src/probe.ts', source: '@app/common', refused: true },
  {
    path: 'libs/domain/src/alignment/probe.ts',
    source: '../../../delivery/src/x.js',
    refused: true,
  },
  { path: 'libs/domain/src/probe.spec.ts', source: 'fast-check', refused: false },
  { path: 'libs/domain/src/probe.spec.ts', source: 'typeorm', refused: true },
  // the lib order: each lib imports only libs before it
  { path: 'libs/delivery/src/probe.ts', source: '@app/strategy', refused: false },
  { path: 'libs/delivery/src/probe.ts', source: '@app/alignment', refused: true },
  { path: 'libs/strategy/src/probe.ts', source: '@app/delivery', refused: true },
  { path: 'libs/database/src/probe.ts', source: '@app/common', refused: true },
  { path: 'libs/alignment/src/probe.ts', source: '@app/integrations', refused: true },
  { path: 'libs/integrations/src/probe.ts', source: '@app/alignment', refused: false },
  { path: 'libs/integrations/src/probe.ts', source: '@app/planning', refused: true },
  { path: 'libs/planning/src/probe.ts', source: '@app/integrations', refused: false },
  // through the index only
  { path: 'apps/api/src/probe.ts', source: '@app/planning', refused: false },
  {
    path: 'apps/api/src/probe.ts',
    source: '@app/delivery/src/tickets/ticket.service.js',
    refused: true,
  },
  { path: 'libs/strategy/src/probe.ts', source: '../../delivery/src/index.js', refused: true },
  // the dashboard speaks GraphQL: nothing from libs/ or the server apps, in .ts and .tsx
  { path: 'apps/dashboard/src/probe.tsx', source: 'react', refused: false },
  { path: 'apps/dashboard/src/probe.tsx', source: '@app/domain', refused: true },
  { path: 'apps/dashboard/src/views/probe.ts', source: '@app/domain', refused: true },
  {
    path: 'apps/dashboard/src/views/probe.tsx',
    source: '../../../../libs/domain/src/index.js',
    refused: true,
  },
];

/**
 * Lints each case's one-line file with the project's own ESLint configuration (in a child process:
 * ESLint loads eslint.config.js as native ESM) and answers whether no-restricted-imports fired.
 */
async function lintCases(cases: Case[]): Promise<boolean[]> {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.env.CASES);
    const eslint = new ESLint({ cwd: process.cwd() });
    const answers = [];
    for (const c of cases) {
      const [result] = await eslint.lintText(\`import x from '\${c.source}';\\nexport default x;\\n\`, { filePath: c.path });
      answers.push(result.messages.some((m) => m.ruleId === 'no-restricted-imports'));
    }
    console.log(JSON.stringify(answers));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script],
    { env: { ...process.env, NODE_OPTIONS: '', CASES: JSON.stringify(cases) }, timeout: 120_000 },
  );
  return JSON.parse(stdout) as boolean[];
}

describe('import rules (README, Import rules) are enforced by the lint', () => {
  it('refuses each forbidden import and allows the allowed ones', async () => {
    const refused = await lintCases(CASES);
    const wrong = CASES.filter((c, i) => refused[i] !== c.refused).map(
      (c) => `${c.path} importing ${c.source}: expected ${c.refused ? 'refused' : 'allowed'}`,
    );
    expect(wrong).toEqual([]);
  }, 120_000);
});
