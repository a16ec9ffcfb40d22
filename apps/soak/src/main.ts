import http from 'node:http';
import {
  argumentCorpus,
  demoText,
  fileBombs,
  gqlAt,
  httpSurfaces,
  importFiles,
  inviteAt,
  judge,
  loadSchema,
  logInAt,
  projectRoot,
  queryBombs,
  readOrganization,
  rng,
  send,
  signUpAt,
  type Finding,
  type HostileRequest,
} from '../../../test/support/hostile/index.js';
import { DASHBOARD_READS } from './dashboard.js';
import { startServer, type SoakServer } from './server.js';
import { countFound, nthWrite, writeTargets, type Acknowledged } from './writes.js';

/**
 * `npm run soak`: the production build on a fresh embedded database, under SOAK_SECONDS (default
 * 60) of concurrent load: the dashboard's reads and acknowledged writes in the demo organization,
 * and the hostile corpus of the e2e test against a second organization. Then every acknowledged
 * write is looked for, and the figures printed. Exits 1 on any 5xx or internal error, any crash
 * (the server exiting), or any acknowledged write that is not there afterwards.
 */
const READERS = 3;
const WRITERS = 2;
const HOSTILE = 2;
const REQUEST_TIMEOUT_MS = 60_000;

interface Figures {
  reads: number[];
  writes: number[];
  hostileSent: number;
  /** normal requests answered RATE_LIMITED (a coded 429: not a failure, but not load either) */
  rateLimited: number;
  fiveXx: number;
  internal: number;
  findings: Finding[];
  acknowledged: Acknowledged[];
  writesRefused: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (v: number) => (Number.isNaN(v) ? '-' : `${Math.round(v)} ms`);
const n = (v: number) => v.toLocaleString('en');

async function main(): Promise<number> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 60);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    console.error(
      `SOAK_SECONDS must be a positive number of seconds (got "${process.env.SOAK_SECONDS}")`,
    );
    return 1;
  }
  const root = projectRoot();
  console.log(`Soak: ${seconds} s of load on the production build (node ${process.version})`);
  console.log('starting node dist/apps/api/src/main.js on a fresh embedded PostgreSQL ...');
  const server = await startServer(root);
  const stopOnSignal = () => void server.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await soak(server, seconds);
  } finally {
    const how = await server.stop();
    console.log(`server stopped (SIGTERM): ${how}; temporary data directory removed`);
  }
}

async function soak(server: SoakServer, seconds: number): Promise<number> {
  const url = server.url;
  const figures: Figures = {
    reads: [],
    writes: [],
    hostileSent: 0,
    rateLimited: 0,
    fiveXx: 0,
    internal: 0,
    findings: [],
    acknowledged: [],
    writesRefused: 0,
  };

  // The demo organization takes the normal load; a second one, seeded with the same files,
  // takes the hostile corpus (its mutations archive and rename at will).
  const demo = await logInAt(url, 'demo@throughline.local', 'throughline-demo');
  const targets = await writeTargets(url, demo.token);
  // each reader and writer is a member of its own, as a room of dashboard users would be (so a
  // per-member query budget meters each of them, not all of them as one)
  const tokens = [demo.token, ...(await membersOf(url, demo.token, READERS + WRITERS - 1))];
  const victim = await signUpAt(url, 'Soak Hostile', `soak-${Date.now()}@example.com`);
  await importFiles(url, victim.token, demoText('plan.yaml'), demoText('jira.csv'));
  await inviteAt(url, victim.token, `soak-member-${Date.now()}@example.com`, 'EDITOR');
  const { pools } = await readOrganization(url, victim.token, victim.userId);
  const corpus = shuffled(
    [
      ...argumentCorpus(loadSchema(), { pools }),
      ...queryBombs('owner'),
      ...queryBombs('none'),
      ...fileBombs('owner'),
      ...fileBombs('none'),
      ...httpSurfaces('owner'),
      ...httpSurfaces('none'),
    ],
    rng(42),
  );
  console.log(
    `ready at ${url}: demo organization for the load, "${victim.slug}" for a hostile corpus of ${n(corpus.length)} requests`,
  );

  const agent = new http.Agent({ keepAlive: true, maxSockets: READERS + WRITERS + HOSTILE + 2 });
  const deadline = Date.now() + seconds * 1000;
  const running = () => Date.now() < deadline && server.unexpectedExits.length === 0;

  const normal = async (
    token: string,
    name: string,
    query: string,
    variables: Record<string, unknown>,
    into: number[],
  ): Promise<boolean> => {
    const request: HostileRequest = {
      surface: name,
      argument: '-',
      kind: 'normal request under load',
      auth: 'owner',
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: () => JSON.stringify({ query, variables }),
    };
    const answer = await send(url, request, token, agent, REQUEST_TIMEOUT_MS);
    count(figures, answer.status, answer.body, judge(request, answer));
    if (answer.status === 429 || answer.body.includes('"RATE_LIMITED"')) {
      figures.rateLimited += 1;
      return false;
    }
    into.push(answer.ms);
    try {
      const parsed = JSON.parse(answer.body) as { data?: unknown; errors?: unknown[] };
      return !!parsed.data && !parsed.errors?.length;
    } catch {
      return false;
    }
  };

  const reader = async (worker: number) => {
    for (let i = worker; running(); i++) {
      const read = DASHBOARD_READS[i % DASHBOARD_READS.length];
      await normal(tokens[worker], read.name, read.query, read.variables ?? {}, figures.reads);
    }
  };
  let writeCounter = 0;
  const run = Date.now().toString(36);
  const writer = async (worker: number) => {
    while (running()) {
      const write = nthWrite(writeCounter++, targets, run);
      if (await normal(tokens[worker], write.name, write.query, write.variables, figures.writes)) {
        figures.acknowledged.push(...write.acknowledges);
      } else {
        figures.writesRefused += 1;
      }
    }
  };
  let next = 0;
  const hostile = async () => {
    while (running()) {
      const request = corpus[next++ % corpus.length];
      const answer = await send(url, request, victim.token, agent, REQUEST_TIMEOUT_MS);
      figures.hostileSent += 1;
      count(figures, answer.status, answer.body, judge(request, answer));
    }
  };
  const started = Date.now();
  await Promise.all([
    ...Array.from({ length: READERS }, (_, i) => reader(i)),
    ...Array.from({ length: WRITERS }, (_, i) => writer(READERS + i)),
    ...Array.from({ length: HOSTILE }, () => hostile()),
  ]);
  agent.destroy();
  const elapsed = (Date.now() - started) / 1000;

  const crashes = server.unexpectedExits.length;
  const verification = crashes
    ? { found: 0, missing: ['(the server crashed: not verified)'] }
    : await countFound(url, demo.token, targets, figures.acknowledged);

  const normalMs = [...figures.reads, ...figures.writes].sort((a, b) => a - b);
  const reads = [...figures.reads].sort((a, b) => a - b);
  const writes = [...figures.writes].sort((a, b) => a - b);
  const sent =
    figures.reads.length + figures.writes.length + figures.rateLimited + figures.hostileSent;
  const others = figures.findings.filter((f) => !/^HTTP 5|^INTERNAL_SERVER_ERROR$/.test(f.problem));
  const lost = figures.acknowledged.length - verification.found;
  console.log('');
  console.log(
    `load ran for ${elapsed.toFixed(1)} s (${READERS} readers, ${WRITERS} writers, ${HOSTILE} hostile senders)`,
  );
  console.log(
    `requests sent: ${n(sent)} (dashboard reads ${n(figures.reads.length)}, writes ${n(figures.writes.length)}, ` +
      `hostile ${n(figures.hostileSent)}${figures.rateLimited ? `, rate-limited normal requests ${n(figures.rateLimited)}` : ''})`,
  );
  console.log(`5xx count: ${n(figures.fiveXx)}`);
  console.log(`INTERNAL_SERVER_ERROR answers: ${n(figures.internal)}`);
  console.log(
    `other findings (stack trace, SQL, call-stack overflow, no answer): ${n(others.length)}`,
  );
  console.log(
    `crashes (server exits): ${crashes}${crashes ? ` (${server.unexpectedExits.join(', ')})` : ''}`,
  );
  console.log(
    `latency of normal requests under load: p50 ${ms(percentile(normalMs, 50))}, p99 ${ms(percentile(normalMs, 99))} ` +
      `(reads p50 ${ms(percentile(reads, 50))} / p99 ${ms(percentile(reads, 99))}; ` +
      `writes p50 ${ms(percentile(writes, 50))} / p99 ${ms(percentile(writes, 99))})`,
  );
  console.log(
    `writes acknowledged / found afterwards: ${n(figures.acknowledged.length)} / ${n(verification.found)}` +
      `${lost === 0 ? ' (all)' : ` (${n(lost)} lost)`}; writes not acknowledged: ${n(figures.writesRefused)}`,
  );
  const failed =
    figures.fiveXx > 0 || figures.internal > 0 || others.length > 0 || crashes > 0 || lost > 0;
  if (figures.findings.length) {
    console.log('\nfindings (first 30):');
    for (const f of figures.findings.slice(0, 30)) {
      console.log(
        `  ${f.surface} ${f.argument} [${f.kind}] as ${f.auth}: ${f.problem}; HTTP ${f.status}, code ${f.code}: ${f.excerpt}`,
      );
    }
  }
  if (verification.missing.length)
    console.log(`\nmissing writes (first 20): ${verification.missing.slice(0, 20).join(', ')}`);
  const errors = server.errorLines();
  if (errors.length) {
    // grouped by message, most frequent first: thousands of lines are usually a few causes
    const groups = new Map<string, number>();
    for (const line of errors) {
      let message = line;
      try {
        message = String((JSON.parse(line) as { message?: unknown }).message ?? line);
      } catch {
        // not JSON: the raw line
      }
      const key = message.replace(/\s+/g, ' ').slice(0, 160);
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    console.log(`\nthe server logged ${n(errors.length)} errors; the most frequent:`);
    for (const [message, times] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      console.log(`  ${n(times)} x ${message}`);
    }
  }
  console.log(`\nresult: ${failed ? 'FAILED' : 'passed'}`);
  return failed ? 1 : 0;
}

function count(figures: Figures, status: number, body: string, found: Finding[]) {
  if (status >= 500) figures.fiveXx += 1;
  if (body.includes('INTERNAL_SERVER_ERROR')) figures.internal += 1;
  figures.findings.push(...found);
}

/** Invites `count` EDITORs into the token's organization; their tokens once they accepted. */
async function membersOf(url: string, token: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const invite = await gqlAt(
      url,
      'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { inviteToken } }',
      { input: { email: `soak-${i}-${Date.now()}@example.com`, role: 'EDITOR' } },
      token,
    );
    const accepted = await gqlAt(
      url,
      'mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }',
      {
        input: {
          token: invite.inviteMember.inviteToken,
          password: 'correct horse battery',
          name: `Soak ${i}`,
        },
      },
    );
    out.push(accepted.acceptInvite.token);
  }
  return out;
}

/** A deterministic shuffle, so a short soak samples every part of the corpus. */
function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
