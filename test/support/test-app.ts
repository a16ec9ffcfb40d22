import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadEnv, type RootLogger } from '@app/config';
import { Database } from '@app/database';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, dropTestDatabase } from './test-database.js';

export interface GqlResponse<T = Record<string, any>> {
  data: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions: { code: string; fields?: { field: string; message: string }[] };
  }[];
}

/** What tests that are not about rate limits run with (see TestApp.start). */
const LOOSE_LIMITS = { SIGNUPS_PER_HOUR: '1000000', QUERY_COST_PER_MINUTE: '1000000000' };

/** The JWT secret of every TestApp (tests sign tokens with it to try expired ones). */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The SECRETS_KEY of every TestApp: 32 bytes as 64 hex characters (required with DATABASE_URL). */
export const TEST_SECRETS_KEY = '7465737420736563726574732074657374207365637265747320746573742121';

export interface Session {
  token: string;
  userId: string;
  organizationId: string;
  slug: string;
}

/**
 * The real API on a real HTTP port over a fresh database: tests talk to it with fetch, exactly as
 * a client would.
 */
export class TestApp {
  private counter = 0;

  private constructor(
    readonly app: NestExpressApplication,
    readonly url: string,
    readonly databaseUrl: string,
    /** the test database is ours to drop (not one the caller passed) */
    private readonly ownsDatabase = true,
  ) {}

  /**
   * Every test signs up organizations of its own from 127.0.0.1 and queries at will, so the sign-up
   * and query-budget limits are loosened here; `limits: 'production'` keeps every default (the
   * limit tests), and `env` adds or overrides variables. `databaseUrl`: a migrated database the
   * caller made (and drops), instead of a fresh one on the tests' server.
   */
  static async start(
    options: {
      limits?: 'loose' | 'production';
      env?: Record<string, string>;
      databaseUrl?: string;
      /** where the app logs (a test reading its lines); else silent unless TEST_LOGS=1 */
      logger?: RootLogger;
    } = {},
  ): Promise<TestApp> {
    const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
    const env = loadEnv({
      DATABASE_URL: databaseUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SECRETS_KEY: TEST_SECRETS_KEY,
      NODE_ENV: 'production',
      DEMO: 'false',
      // this run's own Redis keys (global-setup.mjs), for the tests that give a REDIS_URL
      REDIS_PREFIX: process.env.REDIS_PREFIX ?? '',
      ...(options.limits === 'production' ? {} : LOOSE_LIMITS),
      ...options.env,
    });
    const app = await createApp(env, {
      logs: process.env.TEST_LOGS === '1',
      logger: options.logger,
    });
    await app.listen(0, '127.0.0.1');
    return new TestApp(app, await app.getUrl(), databaseUrl, !options.databaseUrl);
  }

  get db(): Database {
    return this.app.get(Database);
  }

  /** The SQL the app sent while `work` ran (through TypeORM's query log), in order. */
  async statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    const logger = this.db.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
    try {
      await work();
    } finally {
      logger.logQuery = original;
    }
    return statements;
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResponse<T>;
  }

  /** Like gql, but fails the test on any error and returns data. */
  async ok<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const res = await this.gql<T>(query, variables, token);
    if (res.errors?.length)
      throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data as T;
  }

  /** Signs up a new organization with a unique owner; returns the session. */
  async signUp(organizationName = 'Acme'): Promise<Session> {
    const n = ++this.counter;
    const data = await this.ok<{
      signUp: { token: string; user: { id: string }; organization: { id: string; slug: string } };
    }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } organization { id slug } } }`,
      {
        input: {
          email: `owner${n}-${Date.now()}@example.com`,
          password: 'correct horse battery',
          name: `Owner ${n}`,
          organizationName,
        },
      },
    );
    return {
      token: data.signUp.token,
      userId: data.signUp.user.id,
      organizationId: data.signUp.organization.id,
      slug: data.signUp.organization.slug,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsDatabase) await dropTestDatabase(this.databaseUrl);
  }
}

/** Expects exactly one error with this code; returns it. */
export function expectError(res: GqlResponse, code: string) {
  if (!res.errors?.length)
    throw new Error(`expected a ${code} error, got data ${JSON.stringify(res.data)}`);
  const error = res.errors[0];
  if (error.extensions.code !== code) {
    throw new Error(`expected ${code}, got ${error.extensions.code}: ${error.message}`);
  }
  return error;
}
