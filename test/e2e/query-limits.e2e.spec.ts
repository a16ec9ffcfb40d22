import { LiveSubscriber } from '../support/live-client.js';
import { TestApp, type GqlResponse, type Session } from '../support/test-app.js';

/**
 * Attacks on the GraphQL endpoint, each refused before it runs with a coded error whose
 * message names the limit; the production limits as they ship.
 */
interface Answer {
  status: number;
  headers: Headers;
  body: GqlResponse;
  text: string;
}

describe('GraphQL query limits', () => {
  let app: TestApp;
  let owner: Session;

  beforeAll(async () => {
    app = await TestApp.start({ limits: 'production' });
    owner = await app.signUp();
  });
  afterAll(() => app.close());

  const post = async (
    query: string,
    options: { token?: string | null; accept?: string } = {},
  ): Promise<Answer> => {
    const token = options.token === undefined ? owner.token : options.token;
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.accept ? { accept: options.accept } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text), text };
  };

  const refused = (answer: Answer, code: string, message: RegExp) => {
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors![0].extensions.code).toBe(code);
    expect(answer.body.errors![0].message).toMatch(message);
  };

  it('refuses the six-level cycle -> objectives -> cycle nesting by its cost', async () => {
    const level = (inner: string) => `objectives(first: 200) { nodes { cycle { ${inner} } } }`;
    const query = `{ cycles(first: 200) { nodes { ${level(level(level('key')))} } } }`;
    expect(query.length).toBeLessThan(400);
    refused(await post(query), 'QUERY_TOO_COMPLEX', /costs \d+, over the limit of 100000/);
  });

  it('answers a query nested 2,000 deep with a coded error, never a 500 or a stack overflow', async () => {
    const query = `{ ${'cycles { nodes { '.repeat(1_000)}key${' } }'.repeat(1_000)} }`;
    const answer = await post(query);
    refused(answer, 'QUERY_TOO_COMPLEX', /more than 2000 tokens/);
    expect(answer.text).not.toMatch(/call stack/i);
  });

  it('refuses depth beyond 20 within the token limit', async () => {
    const level = (inner: string) => `objectives(first: 1) { nodes { cycle { ${inner} } } }`;
    const query = `{ cycles(first: 1) { nodes { ${level(level(level(level(level(level('key'))))))} } } }`;
    refused(await post(query), 'QUERY_TOO_COMPLEX', /depth limit of 20 exceeded, found 21/);
  });

  it('refuses 10,000 aliased `me { role }`, and more than 15 aliases', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `a${i}: me { role }`).join(' ');
    refused(await post(`{ ${many} }`), 'QUERY_TOO_COMPLEX', /more than 2000 tokens/);
    const sixteen = Array.from({ length: 16 }, (_, i) => `a${i}: me { role }`).join(' ');
    refused(await post(`{ ${sixteen} }`), 'QUERY_TOO_COMPLEX', /Aliases limit of 15 exceeded/);
  });

  it('refuses 100,000 aliased `__typename` without a token while parsing', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `a${i}: __typename`).join(' ');
    refused(
      await post(`{ ${many} }`, { token: null }),
      'QUERY_TOO_COMPLEX',
      /more than 2000 tokens, the limit/,
    );
  });

  it('refuses more than 20 directives', async () => {
    const both = '@include(if: true) @skip(if: false)';
    const fields = Array.from({ length: 6 }, (_, i) => `m${i}: me ${both} { role ${both} }`);
    refused(
      await post(`{ ${fields.join(' ')} }`),
      'QUERY_TOO_COMPLEX',
      /Directives limit of 20 exceeded, found 24/,
    );
  });

  it('keeps the schema to itself: no field suggestions, no introspection', async () => {
    const typo = await post('{ cycels(first: 1) { nodes { key } } }');
    refused(typo, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "cycels"/);
    expect(typo.text).not.toMatch(/Did you mean|cycles/);
    const enumTypo = await app.gql(
      'query($m: Measure!) { alignment(scope: { measure: $m }) { totalEffort } }',
      { m: 'POINT' },
      owner.token,
    );
    expect(JSON.stringify(enumTypo.errors)).not.toMatch(/Did you mean|POINTS/);
    refused(
      await post('{ __schema { types { name } } }'),
      'GRAPHQL_VALIDATION_FAILED',
      /introspection is off/,
    );
    refused(
      await post('{ __type(name: "Cycle") { fields { name } } }'),
      'GRAPHQL_VALIDATION_FAILED',
      /introspection is off/,
    );
    const exists = await post('{ __type(name: "Cycle") { name kind } }');
    expect(exists.body).toEqual({ data: { __type: { name: 'Cycle', kind: 'OBJECT' } } });
  });

  it('answers a refused document with 200 under application/json, 400 under graphql-response+json', async () => {
    expect((await post('{ me { role ')).status).toBe(200);
    expect((await post('{ nope }')).status).toBe(200);
    expect((await post('{ nope }', { accept: 'application/graphql-response+json' })).status).toBe(
      400,
    );
  });

  it('refuses a subscription sent over HTTP with a coded error that says where they are served', async () => {
    for (const token of [owner.token, null]) {
      refused(
        await post('subscription { checkInAdded { keyResultKey } }', { token }),
        'GRAPHQL_VALIDATION_FAILED',
        /served over WebSocket/,
      );
    }
  });

  it('sends no X-Powered-By header', async () => {
    const answer = await post('{ me { role } }');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('answers a body beyond 10 MB with 413 and a JSON message', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { role } }', padding: 'x'.repeat(11 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as GqlResponse;
    expect(body.errors![0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors![0].message).toMatch(/larger than 10mb/);
  });

  it('holds operations over graphql-ws to the same limits', async () => {
    const client = LiveSubscriber.connect(app.url, owner.token);
    const run = (query: string) =>
      new Promise<unknown>((resolve) => {
        client.subscribe(
          { query },
          {
            next: (value) => resolve(value),
            error: (error) => resolve({ error }),
            complete: () => undefined,
          },
        );
      });
    try {
      const level = (inner: string) => `objectives(first: 200) { nodes { cycle { ${inner} } } }`;
      const costly = (await run(
        `{ cycles(first: 200) { nodes { ${level(level(level('key')))} } } }`,
      )) as GqlResponse;
      expect(costly.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      const deep = JSON.stringify(
        await run(`{ ${'cycles { nodes { '.repeat(1_000)}key${' } }'.repeat(1_000)} }`),
      );
      expect(deep).toMatch(/2000 tokens/);
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { role }`).join(' ');
      expect(JSON.stringify(await run(`{ ${aliases} }`))).toMatch(/Aliases limit of 15/);
      expect(await run('{ me { role } }')).toEqual({ data: { me: { role: 'OWNER' } } });
    } finally {
      await client.dispose();
    }
  });

  it('still serves the dashboard-sized queries', async () => {
    const answer = await post(
      '{ teams(first: 200) { nodes { key name } } sprints(first: 200) { nodes { key name state team { key } } } cycles(first: 200) { nodes { key name state } } }',
    );
    expect(answer.body.errors).toBeUndefined();
  });
});
