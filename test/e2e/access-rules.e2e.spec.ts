import type { INestApplication } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost, Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import {
  getNamedType,
  getNullableType,
  isLeafType,
  isNonNullType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { SignJWT } from 'jose';
import { createValidationPipe, RateLimitsModule } from '@app/common';
import { loadEnv } from '@app/config';
import { DatabaseModule, ROLES } from '@app/database';
import { Access, IdentityModule } from '@app/identity';
import { graphqlOptions } from '../../apps/api/src/graphql.options.js';
import {
  expectError,
  TEST_JWT_SECRET,
  TEST_SECRETS_KEY,
  TestApp,
  type GqlResponse,
  type Session,
} from '../support/test-app.js';
import { createTestDatabase, dropTestDatabase } from '../support/test-database.js';

type Operation = {
  kind: 'Query' | 'Mutation' | 'Subscription';
  field: GraphQLField<unknown, unknown>;
};

function operations(app: INestApplication): Operation[] {
  const schema = app.get(GraphQLSchemaHost).schema;
  const roots: [Operation['kind'], GraphQLObjectType | null | undefined][] = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, field })) : [],
  );
}

const accessOf = (op: Operation) => op.field.extensions?.access as string | undefined;
const PUBLIC_OPERATIONS = ['signUp', 'logIn', 'acceptInvite'];

describe('access rules of the whole API', () => {
  let app: TestApp;
  let owner: Session;
  beforeAll(async () => {
    app = await TestApp.start();
    owner = await app.signUp();
  });
  afterAll(() => app.close());

  it('every query, mutation and subscription declares its access rule', () => {
    const ops = operations(app.app);
    expect(ops.length).toBeGreaterThan(10);
    const offenders = ops.filter((op) => !accessOf(op)).map((op) => `${op.kind}.${op.field.name}`);
    expect(offenders).toEqual([]);
  });

  it('every rule is PUBLIC or a role, and only sign-up, log-in and invites are PUBLIC', () => {
    const ops = operations(app.app);
    const invalid = ops
      .filter((op) => !['PUBLIC', ...ROLES].includes(accessOf(op) ?? ''))
      .map((op) => `${op.kind}.${op.field.name}: ${accessOf(op)}`);
    expect(invalid).toEqual([]);
    const open = ops.filter((op) => accessOf(op) === 'PUBLIC').map((op) => op.field.name);
    expect(open.filter((name) => !PUBLIC_OPERATIONS.includes(name))).toEqual([]);
  });

  it('every guarded operation that can be called without arguments refuses a caller without a token', async () => {
    const callable = operations(app.app).filter(
      (op) =>
        op.kind !== 'Subscription' &&
        accessOf(op) !== 'PUBLIC' &&
        op.field.args.every((arg) => !isNonNullType(arg.type)),
    );
    expect(callable.length).toBeGreaterThan(0);
    const admitted: string[] = [];
    for (const op of callable) {
      const selection = isLeafType(getNamedType(getNullableType(op.field.type)))
        ? ''
        : ' { __typename }';
      const keyword = op.kind === 'Query' ? 'query' : 'mutation';
      const res = await app.gql(`${keyword} { ${op.field.name}${selection} }`);
      if (res.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED') {
        admitted.push(`${op.kind}.${op.field.name}: ${JSON.stringify(res.errors ?? res.data)}`);
      }
    }
    expect(admitted).toEqual([]);
  });

  describe('tokens', () => {
    const query = '{ organization { id } }';

    it('a valid token works (the cases below fail only because of their token)', async () => {
      const res = await app.ok(query, {}, owner.token);
      expect(res.organization.id).toBe(owner.organizationId);
    });

    it('no token: UNAUTHENTICATED', async () => {
      const error = expectError(await app.gql(query), 'UNAUTHENTICATED');
      expect(error.message).toMatch(/Authorization: Bearer/);
    });

    it('a header that is not a bearer token: UNAUTHENTICATED', async () => {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Basic ${owner.token}` },
        body: JSON.stringify({ query }),
      });
      expectError((await res.json()) as GqlResponse, 'UNAUTHENTICATED');
    });

    it('a garbage token: UNAUTHENTICATED', async () => {
      expectError(await app.gql(query, {}, 'not-a-token'), 'UNAUTHENTICATED');
      expectError(await app.gql(query, {}, `${owner.token}x`), 'UNAUTHENTICATED');
    });

    it('an expired token: UNAUTHENTICATED', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await sign(TEST_JWT_SECRET, owner, { iat: now - 7200, exp: now - 3600 });
      const error = expectError(await app.gql(query, {}, expired), 'UNAUTHENTICATED');
      expect(error.message).toMatch(/invalid or expired/);
      // the same claims, not expired, are accepted: it is the expiry that is refused
      const fresh = await sign(TEST_JWT_SECRET, owner, { iat: now, exp: now + 3600 });
      expect((await app.ok(query, {}, fresh)).organization.id).toBe(owner.organizationId);
    });

    it('a token signed with another secret: UNAUTHENTICATED', async () => {
      const now = Math.floor(Date.now() / 1000);
      const forged = await sign('another-secret-another-secret-012345', owner, {
        iat: now,
        exp: now + 3600,
      });
      expectError(await app.gql(query, {}, forged), 'UNAUTHENTICATED');
    });

    it('an unsigned token (alg none): UNAUTHENTICATED', async () => {
      const encode = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${encode({ alg: 'none' })}.${encode({
        sub: owner.userId,
        org: owner.organizationId,
        iss: 'throughline',
        iat: now,
        exp: now + 3600,
      })}.`;
      expectError(await app.gql(query, {}, unsigned), 'UNAUTHENTICATED');
    });
  });
});

async function sign(
  secret: string,
  session: Session,
  times: { iat: number; exp: number },
): Promise<string> {
  return new SignJWT({ org: session.organizationId, epoch: 0 })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(session.userId)
    .setIssuer('throughline')
    .setIssuedAt(times.iat)
    .setExpirationTime(times.exp)
    .sign(new TextEncoder().encode(secret));
}

@Resolver()
class RuleProbeResolver {
  /** Deliberately without @Access: the guard must refuse it for everyone. */
  @Query(() => String)
  unruled(): string {
    return 'this must never be returned';
  }

  @Access('PUBLIC')
  @Query(() => String)
  ruled(): string {
    return 'open';
  }
}

describe('the access guard denies an operation that declares no rule', () => {
  let nest: INestApplication;
  let url: string;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const env = loadEnv({
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SECRETS_KEY: TEST_SECRETS_KEY,
      NODE_ENV: 'production',
      DEMO: 'false',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseModule.forRoot(env),
        RateLimitsModule.forRoot(env),
        IdentityModule.forRoot(TEST_JWT_SECRET),
        GraphQLModule.forRoot(graphqlOptions(env)),
      ],
      providers: [RuleProbeResolver, { provide: APP_PIPE, useFactory: createValidationPipe }],
    }).compile();
    nest = moduleRef.createNestApplication({ logger: false });
    await nest.listen(0, '127.0.0.1');
    url = `${await nest.getUrl()}/graphql`;
  });
  afterAll(async () => {
    await nest.close();
    await dropTestDatabase(databaseUrl);
  });

  const post = async (query: string, token?: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as GqlResponse;
  };

  it('the schema walk would catch it', () => {
    const offenders = operations(nest).filter((op) => !accessOf(op));
    expect(offenders.map((op) => op.field.name)).toEqual(['unruled']);
  });

  it('refuses it with FORBIDDEN, also for a signed-in OWNER', async () => {
    const anonymous = expectError(await post('{ unruled }'), 'FORBIDDEN');
    expect(anonymous.message).toMatch(/declares no access rule/);
    const signUp = await post(
      `mutation { signUp(input: { email: "probe@example.com", password: "long enough", name: "P", organizationName: "Probe" }) { token } }`,
    );
    const token = signUp.data!.signUp.token as string;
    const res = await post('{ unruled }', token);
    expectError(res, 'FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it('runs an operation that names its rule', async () => {
    expect(await post('{ ruled }')).toEqual({ data: { ruled: 'open' } });
  });
});
