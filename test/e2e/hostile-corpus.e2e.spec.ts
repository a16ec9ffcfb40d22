import {
  argumentCorpus,
  demoText,
  fileBombs,
  formatFindings,
  graphqlAlive,
  httpSurfaces,
  importFiles,
  inviteAt,
  loadSchema,
  queryBombs,
  readOrganization,
  runCorpus,
  type HostileRequest,
  type Pools,
  type RunOptions,
  type RunResult,
} from '../support/hostile/index.js';
import { TestApp, type Session } from '../support/test-app.js';

/** Payload kinds whose strings PostgreSQL cannot store as sent (NUL) or that are not Unicode. */
const UNSTORABLE = [
  'NUL byte',
  'only NUL',
  'lone high surrogate',
  'lone low surrogate inside',
  'reversed surrogate pair',
  'uuid with NUL',
];

/** An answer with data and no error: the mutation took the value. */
function answeredWithData(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as {
      data?: Record<string, unknown> | null;
      errors?: unknown[];
    };
    return (
      !parsed.errors?.length && !!parsed.data && Object.values(parsed.data).every((v) => v !== null)
    );
  } catch {
    return false;
  }
}

/**
 * Every YAML and CSV bomb is a bad file: a plan dry run must report problems (or fail), a ticket
 * import must create and update nothing (its rows are warnings: docs/design.md 4.5 bounds).
 */
function importTookIt(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as {
      data?: {
        importPlan?: { problems: unknown[] };
        importTickets?: { created: number; updated: number };
      } | null;
      created?: number;
      updated?: number;
    };
    const plan = parsed.data?.importPlan;
    if (plan) return plan.problems.length === 0;
    const tickets = parsed.data?.importTickets ?? parsed;
    return (tickets.created ?? 0) + (tickets.updated ?? 0) > 0;
  } catch {
    return false;
  }
}

/**
 * No request can crash, starve or corrupt the service. A corpus generated from the
 * committed schema (every argument and input field of every query and mutation given wrong types,
 * extreme numbers, NUL bytes, lone surrogates, oversized strings and lists, deep nesting), plus
 * document, YAML, CSV and HTTP bombs, each sent with an OWNER token of an organization holding
 * the demo plan and tickets, and again without a token. Every answer must be a coded 4xx or a
 * success: no 5xx, no INTERNAL_SERVER_ERROR, no stack trace or SQL, no "Maximum call stack";
 * and after every batch the app still answers a normal request.
 */
describe('a hostile corpus generated from the schema', () => {
  const schema = loadSchema();
  let app: TestApp;
  let owner: Session;
  let pools: Pools;
  let sent = 0;

  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp('Hostile Corp');
    await importFiles(app.url, owner.token, demoText('plan.yaml'), demoText('jira.csv'));
    await inviteAt(app.url, owner.token, 'second-member@example.com', 'EDITOR');
    pools = (await readOrganization(app.url, owner.token, owner.userId)).pools;
  }, 120_000);

  afterAll(async () => {
    console.log(`hostile corpus: ${sent} requests sent`);
    await app.close();
  });

  const run = async (
    requests: HostileRequest[],
    onAnswer?: RunOptions['onAnswer'],
  ): Promise<RunResult> => {
    const result = await runCorpus(requests, {
      baseUrl: app.url,
      token: owner.token,
      alive: graphqlAlive(app.url, owner.token),
      onAnswer,
    });
    sent += result.sent;
    const slowest = result.slowest.map((s) => `${s.what} ${Math.round(s.ms)} ms`).join('; ');
    console.log(
      `${result.sent} requests, statuses ${JSON.stringify(result.statuses)}; slowest: ${slowest}`,
    );
    return result;
  };

  const expectClean = (result: RunResult) => {
    expect({ findings: formatFindings(result.findings), deadAfter: result.deadAfter }).toEqual({
      findings: '',
      deadAfter: [],
    });
  };

  it('the organization under attack holds real data, so ids and keys can be real ones', () => {
    expect(pools.ids.objective?.length).toBeGreaterThan(5);
    expect(pools.ids.ticket?.length).toBeGreaterThan(100);
    expect(pools.keys.sprint?.length).toBeGreaterThan(5);
    expect(pools.ids.user).toHaveLength(1);
  });

  it('every argument of every query, given hostile values', async () => {
    const requests = argumentCorpus(schema, { pools, only: (op) => op.kind === 'query' });
    const result = await run(requests);
    expect(result.sent).toBeGreaterThanOrEqual(1000);
    expectClean(result);
  }, 240_000);

  it('every argument and input field of every mutation, given hostile values; none stores a NUL or a lone surrogate', async () => {
    const requests = argumentCorpus(schema, { pools, only: (op) => op.kind === 'mutation' });
    // docs/design.md 4.5: NUL and lone surrogates are refused (BAD_USER_INPUT) on every path, so no
    // mutation may answer with data for one. File texts (yaml, data) are their parsers' business:
    // they answer with problems or warnings, and the YAML and CSV bombs cover them.
    const accepted: string[] = [];
    const result = await run(requests, (request, answer) => {
      if (request.auth !== 'owner' || !UNSTORABLE.includes(request.kind)) return;
      if (['yaml', 'data'].includes(request.argument)) return;
      if (answeredWithData(answer.body)) {
        accepted.push(`${request.surface} ${request.argument} [${request.kind}]`);
      }
    });
    expect(result.sent).toBeGreaterThanOrEqual(1000);
    expect({
      findings: formatFindings(result.findings),
      deadAfter: result.deadAfter,
      acceptedNulOrLoneSurrogate: accepted,
    }).toEqual({ findings: '', deadAfter: [], acceptedNulOrLoneSurrogate: [] });
  }, 240_000);

  it('document bombs: depth, aliases, duplicates, fragments, directives, size', async () => {
    const result = await run([...queryBombs('owner'), ...queryBombs('none')]);
    expectClean(result);
  }, 240_000);

  it('YAML bombs for importPlan and CSV bombs for importTickets: each refused', async () => {
    const accepted: string[] = [];
    const result = await run([...fileBombs('owner'), ...fileBombs('none')], (request, answer) => {
      if (request.auth === 'owner' && importTookIt(answer.body)) accepted.push(request.kind);
    });
    expect({
      findings: formatFindings(result.findings),
      deadAfter: result.deadAfter,
      accepted,
    }).toEqual({ findings: '', deadAfter: [], accepted: [] });
  }, 240_000);

  it('plain HTTP: GET, content types, malformed and oversized bodies, uploads, health', async () => {
    const accepted: string[] = [];
    const result = await run(
      [...httpSurfaces('owner'), ...httpSurfaces('none')],
      (request, answer) => {
        const csvBomb =
          request.surface === 'POST /imports/jira-csv' && request.kind.startsWith('CSV ');
        if (request.auth === 'owner' && csvBomb && importTookIt(answer.body)) {
          accepted.push(`upload ${request.kind}`);
        }
      },
    );
    expect({
      findings: formatFindings(result.findings),
      deadAfter: result.deadAfter,
      accepted,
    }).toEqual({ findings: '', deadAfter: [], accepted: [] });
  }, 240_000);
});
