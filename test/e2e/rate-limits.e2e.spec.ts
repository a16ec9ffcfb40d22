import { TestApp, type GqlResponse, type Session } from '../support/test-app.js';

/**
 * 200 wrong-password logIn calls in 20 s were all answered, 30 sign-ups in 2.4 s created
 * 30 organizations, heavy queries per token were unlimited. With the production defaults: 5 failed
 * log-ins per e-mail and address, then blocks of 1 s, 2 s, ... 15 min; 50 per address; 10 sign-ups
 * per address per hour; a budget of 2,000,000 query cost per member per minute.
 */
interface Answer {
  status: number;
  retryAfter: string | null;
  body: GqlResponse;
}

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token } }`;
const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`;
const PASSWORD = 'correct horse battery';

/** A TestApp with the production limits per describe block: the counts of one never meet another's. */
function limitedApp(): { app: TestApp } {
  const state = { app: null as unknown as TestApp };
  beforeAll(async () => {
    state.app = await TestApp.start({ limits: 'production' });
    current = state;
  });
  afterAll(() => state.app.close());
  return state;
}

/** The app of the describe block running now (jest runs the blocks one after another). */
let current: { app: TestApp };

const post = async (
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Answer> => {
  const res = await fetch(`${current.app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as GqlResponse,
  };
};

const code = (answer: Answer) => answer.body.errors?.[0]?.extensions.code;

/** RATE_LIMITED with status 429 and the same wait in `retryAfter` and Retry-After; the wait. */
const expectLimited = (answer: Answer) => {
  expect(answer.status).toBe(429);
  expect(code(answer)).toBe('RATE_LIMITED');
  const retryAfter = (answer.body.errors![0].extensions as { retryAfter?: number }).retryAfter;
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(answer.retryAfter).toBe(String(retryAfter));
  return retryAfter!;
};

const signUp = (email: string) =>
  post(SIGN_UP, { input: { email, password: PASSWORD, name: 'Ada', organizationName: 'Org' } });

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, 1000 * seconds));

describe('log-in attempts per account and address (production defaults)', () => {
  limitedApp();

  it('blocks an account after 5 wrong passwords, even for the right one, until the block ends', async () => {
    const email = `victim-${Date.now()}@example.com`;
    expect((await signUp(email)).body.errors).toBeUndefined();
    const logIn = (password: string) => post(LOG_IN, { input: { email, password } });

    for (let i = 0; i < 5; i++) {
      const wrong = await logIn('wrong password');
      expect(wrong.status).toBe(200);
      expect(code(wrong)).toBe('UNAUTHENTICATED');
    }
    const wait = expectLimited(await logIn('wrong password'));
    expect(wait).toBe(1);
    expectLimited(await logIn(PASSWORD));

    // once the block has passed, the right password works (and clears the run of failures)
    let answer = await logIn(PASSWORD);
    while (code(answer) === 'RATE_LIMITED') {
      await sleep(Number(answer.retryAfter));
      answer = await logIn(PASSWORD);
    }
    expect(answer.body.errors).toBeUndefined();
    expect(code(await logIn('wrong password'))).toBe('UNAUTHENTICATED');
  });

  it('doubles the block with each further failure', async () => {
    const email = `doubling-${Date.now()}@example.com`;
    const logIn = () => post(LOG_IN, { input: { email, password: 'wrong password' } });
    for (let i = 0; i < 5; i++) expect(code(await logIn())).toBe('UNAUTHENTICATED');
    let answer = await logIn();
    const waits: number[] = [];
    while (waits.length < 2) {
      if (code(answer) === 'RATE_LIMITED') {
        await sleep(Number(answer.retryAfter));
      } else {
        expect(code(answer)).toBe('UNAUTHENTICATED');
        waits.push(expectLimited(await logIn()));
      }
      answer = await logIn();
    }
    expect(waits).toEqual([2, 4]);
  });
});

describe('log-in attempts per address (production defaults)', () => {
  limitedApp();

  it('caps failed log-ins per address over all e-mails at 50', async () => {
    const stamp = Date.now();
    for (let i = 0; i < 50; i++) {
      const answer = await post(LOG_IN, {
        input: { email: `nobody-${stamp}-${i}@example.com`, password: 'guess' },
      });
      expect(code(answer)).toBe('UNAUTHENTICATED');
    }
    expectLimited(
      await post(LOG_IN, { input: { email: `fresh-${stamp}@example.com`, password: 'guess' } }),
    );
  });
});

describe('sign-ups per address (production defaults)', () => {
  limitedApp();

  it('creates 10 organizations from one address in an hour, then refuses', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await signUp(`many-${Date.now()}-${i}@example.com`));
    expect(answers.slice(0, 10).map((a) => a.body.errors)).toEqual(Array(10).fill(undefined));
    for (const answer of answers.slice(10)) expectLimited(answer);
  });

  it('counts invite acceptances apart, 10 per address per hour', async () => {
    const accept = (i: number) =>
      post(`mutation($input: AcceptInviteInput!) { acceptInvite(input: $input) { token } }`, {
        input: { token: `not-a-token-${i}`, password: PASSWORD },
      });
    for (let i = 0; i < 10; i++) expect(code(await accept(i))).toBe('BAD_USER_INPUT');
    expectLimited(await accept(10));
  });
});

describe('the query budget per member (production defaults)', () => {
  const state = limitedApp();
  let heavy: Session;
  let other: Session;

  beforeAll(async () => {
    heavy = await state.app.signUp('Heavy');
    other = await state.app.signUp('Other');
  });

  /** 1 + 200 x (1 + 1 + 200 x 2) = 80,401 per request: within the per-request limit of 100,000 */
  const EXPENSIVE = '{ cycles(first: 200) { nodes { objectives(first: 200) { nodes { id } } } } }';

  it('refuses a member who spent 2,000,000 in a minute, and only that member', async () => {
    const post = (token: string) =>
      fetch(`${current.app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: EXPENSIVE }),
      });
    let served = 0;
    let res = await post(heavy.token);
    while (res.status === 200) {
      const body = (await res.json()) as GqlResponse;
      expect(body.errors).toBeUndefined();
      served++;
      res = await post(heavy.token);
    }
    expect(served).toBe(Math.floor(2_000_000 / 80_401));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await res.json()) as GqlResponse;
    expect(body.errors![0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors![0].message).toMatch(/query budget of 2000000 per minute/);

    // another member of another organization still has their budget
    expect((await post(other.token)).status).toBe(200);
  });
});
