import { resolve } from 'node:path';
import { decodeSecretsKey, EnvError, loadEnv } from './env.js';

const SECRET = 'x'.repeat(32);
/** 32 bytes, 0x00 to 0x1f, in each spelling SECRETS_KEY accepts */
const KEY_BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const KEY_HEX = KEY_BYTES.toString('hex');
const KEY_BASE64 = KEY_BYTES.toString('base64');

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

/** A valid DATABASE_URL with the secrets it requires. */
const WITH_DATABASE = {
  DATABASE_URL: 'postgres://localhost/throughline',
  JWT_SECRET: 'x'.repeat(32),
  SECRETS_KEY: '00'.repeat(32),
};

describe('loadEnv', () => {
  it('has defaults that suit the embedded setup', () => {
    expect(loadEnv({})).toEqual({
      port: 3000,
      databaseUrl: null,
      dataDir: resolve('./data'),
      embeddedPgPort: 54329,
      databaseReadUrl: null,
      embeddedStandby: false,
      embeddedStandbyPort: 54330,
      readReplicaMaxLagMs: 1_000,
      redisUrl: null,
      redisPrefix: 'throughline',
      jwtSecret: null,
      secretsKey: null,
      demo: true,
      nodeEnv: 'development',
      logLevel: 'info',
      requestTimeoutMs: 30_000,
      sessionCacheMs: 2_000,
      trustProxy: false,
      publicUrl: null,
      limits: {
        maxQueryCost: 100_000,
        queryCostPerMinute: 2_000_000,
        logInFailuresPerAccount: 5,
        logInFailuresPerAddress: 50,
        signUpsPerHour: 10,
      },
      metricsToken: null,
    });
  });

  it('reads every variable', () => {
    expect(
      loadEnv({
        PORT: '8080',
        DATABASE_URL: 'postgres://app:pw@db:5432/throughline',
        DATA_DIR: '/var/lib/throughline',
        EMBEDDED_PG_PORT: '55000',
        DATABASE_READ_URL: 'postgres://app:pw@db-standby:5432/throughline',
        EMBEDDED_STANDBY_PORT: '55002',
        READ_REPLICA_MAX_LAG_MS: '250',
        REDIS_URL: 'redis://cache:6379',
        REDIS_PREFIX: 'throughline-eu',
        JWT_SECRET: SECRET,
        SECRETS_KEY: KEY_BASE64,
        DEMO: 'yes',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        REQUEST_TIMEOUT_MS: '10000',
        SESSION_CACHE_MS: '500',
        TRUST_PROXY: '1',
        PUBLIC_URL: 'https://throughline.example.com/',
        MAX_QUERY_COST: '5000',
        QUERY_COST_PER_MINUTE: '50000',
        LOGIN_FAILURES_PER_ACCOUNT: '3',
        LOGIN_FAILURES_PER_ADDRESS: '20',
        SIGNUPS_PER_HOUR: '2',
        METRICS_TOKEN: 'metrics-token-metrics-token-0123456789',
      }),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgres://app:pw@db:5432/throughline',
      dataDir: '/var/lib/throughline',
      embeddedPgPort: 55000,
      databaseReadUrl: 'postgres://app:pw@db-standby:5432/throughline',
      embeddedStandby: false,
      embeddedStandbyPort: 55002,
      readReplicaMaxLagMs: 250,
      redisUrl: 'redis://cache:6379',
      redisPrefix: 'throughline-eu',
      jwtSecret: SECRET,
      secretsKey: KEY_BASE64,
      demo: true,
      nodeEnv: 'production',
      logLevel: 'warn',
      requestTimeoutMs: 10_000,
      sessionCacheMs: 500,
      trustProxy: 1,
      publicUrl: 'https://throughline.example.com',
      limits: {
        maxQueryCost: 5_000,
        queryCostPerMinute: 50_000,
        logInFailuresPerAccount: 3,
        logInFailuresPerAddress: 20,
        signUpsPerHour: 2,
      },
      metricsToken: 'metrics-token-metrics-token-0123456789',
    });
  });

  it('takes a METRICS_TOKEN only when guessing it is hopeless and a header carries it as is', () => {
    expect(envError({ METRICS_TOKEN: 'short' }).message).toMatch(
      /METRICS_TOKEN must be 32 to 512 printable characters/,
    );
    expect(envError({ METRICS_TOKEN: 'a'.repeat(20) + ' ' + 'b'.repeat(20) }).variable).toBe(
      'METRICS_TOKEN',
    );
    expect(loadEnv({ METRICS_TOKEN: 'x'.repeat(32) }).metricsToken).toBe('x'.repeat(32));
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
    expect(envError({ SESSION_CACHE_MS: '60000' }).message).toContain('SESSION_CACHE_MS');
    expect(envError({ MAX_QUERY_COST: '5000', QUERY_COST_PER_MINUTE: '1000' }).message).toMatch(
      /QUERY_COST_PER_MINUTE must be at least MAX_QUERY_COST/,
    );
  });

  it('turns DEMO off by default when DATABASE_URL is set', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgresql://localhost/x',
      JWT_SECRET: SECRET,
      SECRETS_KEY: KEY_HEX,
    });
    expect(env.demo).toBe(false);
  });

  it('treats empty and blank values as unset', () => {
    const env = loadEnv({
      PORT: '',
      DATABASE_URL: '  ',
      JWT_SECRET: '',
      SECRETS_KEY: ' ',
      REDIS_URL: '',
    });
    expect(env).toMatchObject({
      port: 3000,
      databaseUrl: null,
      jwtSecret: null,
      secretsKey: null,
      redisUrl: null,
    });
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
    [
      'SECRETS_KEY',
      { DATABASE_URL: 'postgres://localhost/throughline', JWT_SECRET: 'x'.repeat(32) },
    ],
    ['SECRETS_KEY', { SECRETS_KEY: 'too-short' }],
    ['DEMO', { DEMO: 'maybe' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['REDIS_URL', { REDIS_URL: 'http://x' }],
    ['REDIS_PREFIX', { REDIS_PREFIX: 'has space' }],
    ['REDIS_PREFIX', { REDIS_PREFIX: 'x'.repeat(65) }],
    ['DATABASE_READ_URL', { DATABASE_READ_URL: 'postgres://standby/throughline' }],
    ['DATABASE_READ_URL', { ...WITH_DATABASE, DATABASE_READ_URL: 'http://standby/throughline' }],
    ['EMBEDDED_STANDBY', { EMBEDDED_STANDBY: 'sometimes' }],
    ['EMBEDDED_STANDBY', { ...WITH_DATABASE, EMBEDDED_STANDBY: 'true' }],
    ['EMBEDDED_STANDBY_PORT', { EMBEDDED_STANDBY_PORT: '80' }],
    ['EMBEDDED_STANDBY_PORT', { EMBEDDED_STANDBY: 'true', EMBEDDED_STANDBY_PORT: '54329' }],
    ['READ_REPLICA_MAX_LAG_MS', { READ_REPLICA_MAX_LAG_MS: '0' }],
    ['READ_REPLICA_MAX_LAG_MS', { READ_REPLICA_MAX_LAG_MS: '1.5' }],
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

  it('says why SECRETS_KEY is required with DATABASE_URL', () => {
    const error = envError({
      DATABASE_URL: 'postgres://localhost/throughline',
      JWT_SECRET: SECRET,
    });
    expect(error.variable).toBe('SECRETS_KEY');
    expect(error.message).toBe(
      'Invalid environment: SECRETS_KEY is required when DATABASE_URL is set (replicas must share it)',
    );
  });

  it.each([
    ['hex', KEY_HEX],
    ['upper-case hex', KEY_HEX.toUpperCase()],
    ['base64', KEY_BASE64],
    ['base64 without its =', KEY_BASE64.replace(/=$/, '')],
    ['base64url', KEY_BYTES.toString('base64url')],
  ])('accepts SECRETS_KEY as %s and decodes it to the 32 bytes', (_, value) => {
    expect(loadEnv({ SECRETS_KEY: value }).secretsKey).toBe(value);
    expect(decodeSecretsKey(value)).toEqual(KEY_BYTES);
  });

  it.each([
    ['a passphrase', 'correct horse battery staple, but longer than 32'],
    ['31 bytes of hex', KEY_HEX.slice(0, 62)],
    ['33 bytes of hex', KEY_HEX + '20'],
    ['64 characters that are not hex', 'g'.repeat(64)],
    ['31 bytes of base64', KEY_BYTES.subarray(1).toString('base64')],
    [
      '33 bytes of base64',
      Buffer.concat([KEY_BYTES, KEY_BYTES]).subarray(0, 33).toString('base64'),
    ],
    ['base64 with stray characters', KEY_BASE64.replace('A', '*')],
    ['base64 mixing both alphabets', '+_' + KEY_BASE64.slice(2)],
    ['base64 whose unused bits are set', KEY_BASE64.slice(0, 42) + '9'],
  ])('refuses SECRETS_KEY as %s, saying how to make one', (_, value) => {
    expect(decodeSecretsKey(value)).toBeNull();
    const error = envError({ SECRETS_KEY: value });
    expect(error.variable).toBe('SECRETS_KEY');
    expect(error.message).toBe(
      'Invalid environment: SECRETS_KEY must be 32 bytes as 64 hex characters or base64 ' +
        '(generate one with: openssl rand -base64 32)',
    );
  });

  it('never quotes SECRETS_KEY in its error', () => {
    expect(envError({ SECRETS_KEY: 'my-secret-value' }).message).not.toContain('my-secret-value');
  });

  it('quotes the bad value', () => {
    expect(envError({ PORT: 'abc' }).message).toContain('"abc"');
  });
});
