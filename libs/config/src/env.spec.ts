import { resolve } from 'node:path';
import { EnvError, loadEnv } from './env.js';

const SECRET = 'x'.repeat(32);

/** The EnvError loadEnv throws for this environment (fails the test when it does not throw). */
function envError(raw: Record<string, string | undefined>): EnvError {
  try {
    loadEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error(`loadEnv accepted ${JSON.stringify(raw)}`);
}

describe('loadEnv', () => {
  it('has defaults that suit the embedded setup', () => {
    expect(loadEnv({})).toEqual({
      port: 3000,
      databaseUrl: null,
      dataDir: resolve('./data'),
      embeddedPgPort: 54329,
      redisUrl: null,
      jwtSecret: null,
      demo: true,
      nodeEnv: 'development',
      logLevel: 'info',
      requestTimeoutMs: 30_000,
      trustProxy: false,
      limits: {
        maxQueryCost: 100_000,
        queryCostPerMinute: 2_000_000,
        logInFailuresPerAccount: 5,
        logInFailuresPerAddress: 50,
        signUpsPerHour: 10,
      },
    });
  });

  it('reads every variable', () => {
    expect(
      loadEnv({
        PORT: '8080',
        DATABASE_URL: 'postgres://app:pw@db:5432/throughline',
        DATA_DIR: '/var/lib/throughline',
        EMBEDDED_PG_PORT: '55000',
        REDIS_URL: 'redis://cache:6379',
        JWT_SECRET: SECRET,
        DEMO: 'yes',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        REQUEST_TIMEOUT_MS: '10000',
        TRUST_PROXY: '1',
        MAX_QUERY_COST: '5000',
        QUERY_COST_PER_MINUTE: '50000',
        LOGIN_FAILURES_PER_ACCOUNT: '3',
        LOGIN_FAILURES_PER_ADDRESS: '20',
        SIGNUPS_PER_HOUR: '2',
      }),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgres://app:pw@db:5432/throughline',
      dataDir: '/var/lib/throughline',
      embeddedPgPort: 55000,
      redisUrl: 'redis://cache:6379',
      jwtSecret: SECRET,
      demo: true,
      nodeEnv: 'production',
      logLevel: 'warn',
      requestTimeoutMs: 10_000,
      trustProxy: 1,
      limits: {
        maxQueryCost: 5_000,
        queryCostPerMinute: 50_000,
        logInFailuresPerAccount: 3,
        logInFailuresPerAddress: 20,
        signUpsPerHour: 2,
      },
    });
  });

  it('reads TRUST_PROXY as hops or as trusted addresses, never as "trust everyone"', () => {
    expect(loadEnv({}).trustProxy).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(envError({ TRUST_PROXY: 'true' }).message).toMatch(/TRUST_PROXY must be a number/);
  });

  it('refuses limits that cannot work together', () => {
    expect(envError({ REQUEST_TIMEOUT_MS: '10' }).message).toContain('REQUEST_TIMEOUT_MS');
    expect(envError({ MAX_QUERY_COST: '5000', QUERY_COST_PER_MINUTE: '1000' }).message).toMatch(
      /QUERY_COST_PER_MINUTE must be at least MAX_QUERY_COST/,
    );
  });

  it('turns DEMO off by default when DATABASE_URL is set', () => {
    const env = loadEnv({ DATABASE_URL: 'postgresql://localhost/x', JWT_SECRET: SECRET });
    expect(env.demo).toBe(false);
  });

  it('treats empty and blank values as unset', () => {
    const env = loadEnv({ PORT: '', DATABASE_URL: '  ', JWT_SECRET: '', REDIS_URL: '' });
    expect(env).toMatchObject({ port: 3000, databaseUrl: null, jwtSecret: null, redisUrl: null });
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: 'five' }],
    ['EMBEDDED_PG_PORT', { EMBEDDED_PG_PORT: '80' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x', JWT_SECRET: SECRET }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url', JWT_SECRET: SECRET }],
    ['JWT_SECRET', { DATABASE_URL: 'postgres://localhost/throughline' }],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['DEMO', { DEMO: 'maybe' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
  ])('refuses a bad %s (%j) with an error naming it', (variable, raw) => {
    const error = envError(raw);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid environment: ${variable} `));
  });

  it('says why JWT_SECRET is required with DATABASE_URL', () => {
    expect(envError({ DATABASE_URL: 'postgres://localhost/throughline' }).message).toMatch(
      /required when DATABASE_URL is set/,
    );
  });

  it('quotes the bad value', () => {
    expect(envError({ PORT: 'abc' }).message).toContain('"abc"');
  });
});
