// Jest in ESM mode (Nest 12 is ESM-only): swc transpiles TypeScript with legacy decorators and
// decorator metadata; type errors are caught by `npm run typecheck`, which runs in `npm test`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Files that must not share the machine with another test file: each says why. They run after
 * the others, one at a time (test/support/phased-runner.cjs). Everything else runs two at a time,
 * so a new file belongs here only if what it checks depends on the machine being otherwise idle.
 */
const ALONE = [
  // stops and restarts PostgreSQL (its own) under a steady load, and bounds in time how fast each
  // failure answers (10 s) and how soon writes succeed again (5 s)
  'test/e2e/database-restart.e2e.spec.ts',
  // two API processes: an edit through one must reach a subscriber of the other within 1 s
  'test/e2e/redis-fan-out.e2e.spec.ts',
  // production limits whose blocks last 1 s: the requests that must land inside one block are
  // password checks (scrypt), slow when another file takes the other core
  'test/e2e/rate-limits.e2e.spec.ts',
  'test/e2e/rate-limits-redis.e2e.spec.ts',
  // a slow Trello read under a batch deadline of 400 ms: a batch starved of CPU for that long reads
  // nothing, and the events go round again without end
  'test/e2e/trello-live.e2e.spec.ts',
  // a request deadline of 1 s that a sign-up (scrypt) and a plain query must fit inside
  'test/e2e/request-scope.e2e.spec.ts',
  // starts the whole cluster (two PostgreSQL servers, Redis, two API replicas, nginx) and ten
  // clients of load: beside another file, both starve, and a replica's restart outlasts the load
  'test/e2e/cluster.e2e.spec.ts',
  // a primary and a streaming standby of its own beside the tests' server; pauses, stops and
  // restarts the standby and waits for its replay lag to pass 1 s
  'test/e2e/read-replica.e2e.spec.ts',
];
for (const file of ALONE) {
  if (!existsSync(join(__dirname, file))) throw new Error(`jest.config.cjs: ${file} is missing`);
}

/**
 * Also left out of CI's second runtime (below), because the whole suite twice does not fit CI's
 * 20 minutes on this kind of machine (measured: 20 min 14 s, then 18 min 12 s without the first
 * four): the e2e files whose subject is the domain's rules and the API's answers to inputs
 * through GraphQL, the same JavaScript and SQL on any runtime, and the CLI's full command tour.
 * What differs between runtimes still runs on both: every unit and medium test (the rules
 * themselves, on real PostgreSQL), and the e2e files of processes and signals, HTTP and
 * WebSocket, uploads and streams, file parsers, trackers over fetch, crypto and tokens (the CLI
 * migrates and imports on the second runtime beside a running server, cli-beside-server).
 */
const SECOND_RUNTIME_SKIPS = [
  'test/e2e/hostile-corpus.e2e.spec.ts',
  'test/e2e/input-bounds.e2e.spec.ts',
  'test/e2e/cross-tenant.e2e.spec.ts',
  'test/e2e/cli.e2e.spec.ts',
  ...[
    'access-rules',
    'alignment',
    'alignment-explain',
    'alignment-history',
    'audit-log',
    'delivery-links',
    'delivery-sprints-initiatives',
    'delivery-tickets',
    'dependencies',
    'gaps',
    'goals',
    'me',
    'members',
    'overdue-check-ins',
    'planning',
    'progress',
    'report-snapshot',
    'scenarios',
    'shared-reads',
    'states',
    'strategy-cycles-teams',
    'strategy-kpis',
    'strategy-links',
    'strategy-objectives',
    'tenant-loads',
    'tenant-statements',
    'tickets-per-source',
    'trend-periods',
  ].map((name) => `test/e2e/${name}.e2e.spec.ts`),
];
for (const file of SECOND_RUNTIME_SKIPS) {
  if (!existsSync(join(__dirname, file))) throw new Error(`jest.config.cjs: ${file} is missing`);
}

/**
 * JEST_SKIP_ALONE=1 leaves the ALONE files and SECOND_RUNTIME_SKIPS out: CI's second runtime
 * (.ci/run) runs everything else again, because the whole suite twice would not fit CI's 20
 * minutes on 2 cores.
 */
const SKIP_ALONE = process.env.JEST_SKIP_ALONE === '1';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    '^@app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(SKIP_ALONE
      ? [...ALONE, ...SECOND_RUNTIME_SKIPS].map(
          (file) => `<rootDir>/${file.replace(/\./g, '\\.')}$`,
        )
      : []),
  ],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60_000,
  // Two files at a time, one per core of CI; each on its own database of the one test server.
  maxWorkers: 2,
  // The files listed here run afterwards, one at a time with nothing beside them (the runner's
  // second phase), because a neighbour would disturb what they check.
  runner: ['<rootDir>/test/support/phased-runner.cjs', { alone: ALONE }],
  // ESM test files each link their own copy of the app graph, and a worker's memory keeps growing
  // with them (3.5 GB resident after 30 files in one process); a worker over this after a file is replaced.
  workerIdleMemoryLimit: '1GB',
  // the transformed files, per checkout (not shared with other clones in /tmp)
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
