import { resolve } from 'node:path';

/**
 * The environment of docs/design.md section 4, validated once at start-up. A bad value stops the process
 * with a message naming the variable; everything has a default that suits the embedded setup.
 */
export interface Env {
  port: number;
  /** null: start the embedded PostgreSQL */
  databaseUrl: string | null;
  dataDir: string;
  /** port of the embedded PostgreSQL (ignored with DATABASE_URL) */
  embeddedPgPort: number;
  /**
   * a streaming standby of DATABASE_URL's server that report reads may use (README, Read
   * replicas); null: every read goes to the primary, unless `embeddedStandby`
   */
  databaseReadUrl: string | null;
  /** with the embedded database: start a standby of it too and route report reads to it */
  embeddedStandby: boolean;
  /** port of the embedded standby */
  embeddedStandbyPort: number;
  /** a report read goes to the standby only while its replay lag is under this */
  readReplicaMaxLagMs: number;
  redisUrl: string | null;
  /**
   * REDIS_PREFIX: what every Redis key and channel of this deployment starts with, so that
   * deployments (or test runs) sharing one Redis never count each other's rate limits or receive
   * each other's events
   */
  redisPrefix: string;
  /** null: generated into DATA_DIR (allowed only with the embedded database) */
  jwtSecret: string | null;
  /**
   * the key that encrypts tracker credentials, as given (decodeSecretsKey turns it into 32 bytes);
   * null: generated into DATA_DIR (allowed only with the embedded database)
   */
  secretsKey: string | null;
  demo: boolean;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** the deadline of one HTTP request: no transaction starts after it */
  requestTimeoutMs: number;
  /** how long a checked session is trusted without reading the database again (0: never) */
  sessionCacheMs: number;
  /**
   * Express `trust proxy`: false (the socket's address is the client's), a number of proxy hops, or
   * the addresses/subnets of trusted proxies
   */
  trustProxy: false | number | string[];
  /**
   * The address the service is reached at (e.g. https://throughline.example.com), without a path:
   * the webhook URLs trackers are given; Trello signs its deliveries with it. null: the request's
   */
  publicUrl: string | null;
  limits: Limits;
  /**
   * METRICS_TOKEN: the bearer token /metrics asks for (README, Security model); null: /metrics is
   * not served
   */
  metricsToken: string | null;
}

/** Rate limits and query budgets (README, Security model). */
export interface Limits {
  /** the largest cost one GraphQL operation may have */
  maxQueryCost: number;
  /** the query cost one member (or one anonymous address) may spend per minute */
  queryCostPerMinute: number;
  /** failed log-ins per e-mail and address before growing blocks start */
  logInFailuresPerAccount: number;
  /** failed log-ins per address (over all e-mails) per hour before growing blocks start */
  logInFailuresPerAddress: number;
  /** sign-ups (and, separately, invite acceptances) per address per hour */
  signUpsPerHour: number;
}

export class EnvError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid environment: ${variable} ${problem}`);
    this.name = 'EnvError';
  }
}

type RawEnv = Record<string, string | undefined>;

export function loadEnv(raw: RawEnv = process.env): Env {
  const databaseUrl = url(raw, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const jwtSecret = optional(raw, 'JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < 32) {
    throw new EnvError('JWT_SECRET', 'must be at least 32 characters long');
  }
  if (jwtSecret === null && databaseUrl !== null) {
    throw new EnvError(
      'JWT_SECRET',
      'is required when DATABASE_URL is set (replicas must share it)',
    );
  }
  const secretsKey = optional(raw, 'SECRETS_KEY');
  if (secretsKey !== null && decodeSecretsKey(secretsKey) === null) {
    throw new EnvError(
      'SECRETS_KEY',
      'must be 32 bytes as 64 hex characters or base64 (generate one with: openssl rand -base64 32)',
    );
  }
  if (secretsKey === null && databaseUrl !== null) {
    throw new EnvError(
      'SECRETS_KEY',
      'is required when DATABASE_URL is set (replicas must share it)',
    );
  }
  const embeddedPgPort = int(raw, 'EMBEDDED_PG_PORT', 54329, 1024, 65535);
  return {
    port: int(raw, 'PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: resolve(optional(raw, 'DATA_DIR') ?? './data'),
    embeddedPgPort,
    ...readReplica(raw, databaseUrl, embeddedPgPort),
    redisUrl: url(raw, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: redisPrefix(raw),
    jwtSecret,
    secretsKey,
    demo: bool(raw, 'DEMO', databaseUrl === null),
    nodeEnv: oneOf(raw, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    logLevel: oneOf(raw, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    requestTimeoutMs: int(raw, 'REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
    sessionCacheMs: int(raw, 'SESSION_CACHE_MS', 2_000, 0, 5_000),
    trustProxy: trustProxy(raw),
    publicUrl: url(raw, 'PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '') ?? null,
    limits: limits(raw),
    metricsToken: metricsToken(raw),
  };
}

/**
 * The 32 bytes of an AES-256 key written as 64 hex characters or as base64 / base64url (with or
 * without its `=`), else null. Only the canonical spelling counts: base64 whose unused low bits
 * are set would decode to the same bytes as another string, and a typo there should not pass.
 */
export function decodeSecretsKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(value) && !/^[A-Za-z0-9_-]{43}=?$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  const canonical = bytes.toString('base64url');
  return bytes.length === 32 && canonical === toBase64url(value) ? bytes : null;
}

function toBase64url(base64: string): string {
  return base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * DATABASE_READ_URL names a standby of DATABASE_URL's server; EMBEDDED_STANDBY starts one of the
 * embedded server. Either without its primary would be a standby of nothing.
 */
function readReplica(
  raw: RawEnv,
  databaseUrl: string | null,
  embeddedPgPort: number,
): Pick<
  Env,
  'databaseReadUrl' | 'embeddedStandby' | 'embeddedStandbyPort' | 'readReplicaMaxLagMs'
> {
  const databaseReadUrl = url(raw, 'DATABASE_READ_URL', ['postgres:', 'postgresql:']);
  if (databaseReadUrl !== null && databaseUrl === null) {
    throw new EnvError(
      'DATABASE_READ_URL',
      'needs DATABASE_URL (the primary it is a standby of); with the embedded database set EMBEDDED_STANDBY=true instead',
    );
  }
  const embeddedStandby = bool(raw, 'EMBEDDED_STANDBY', false);
  if (embeddedStandby && databaseUrl !== null) {
    throw new EnvError(
      'EMBEDDED_STANDBY',
      'applies only to the embedded database (DATABASE_URL unset); with DATABASE_URL set DATABASE_READ_URL instead',
    );
  }
  const fallbackPort = embeddedPgPort < 65535 ? embeddedPgPort + 1 : embeddedPgPort - 1;
  const embeddedStandbyPort = int(raw, 'EMBEDDED_STANDBY_PORT', fallbackPort, 1024, 65535);
  if (embeddedStandby && embeddedStandbyPort === embeddedPgPort) {
    throw new EnvError(
      'EMBEDDED_STANDBY_PORT',
      `must differ from EMBEDDED_PG_PORT (${embeddedPgPort})`,
    );
  }
  return {
    databaseReadUrl,
    embeddedStandby,
    embeddedStandbyPort,
    readReplicaMaxLagMs: int(raw, 'READ_REPLICA_MAX_LAG_MS', 1_000, 1, 3_600_000),
  };
}

function redisPrefix(raw: RawEnv): string {
  const value = optional(raw, 'REDIS_PREFIX') ?? 'throughline';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(value)) {
    throw new EnvError(
      'REDIS_PREFIX',
      `must be 1 to 64 letters, digits, dots, dashes or underscores (got "${value}")`,
    );
  }
  return value;
}

function limits(raw: RawEnv): Limits {
  const maxQueryCost = int(raw, 'MAX_QUERY_COST', 100_000, 100, 100_000_000);
  const queryCostPerMinute = int(raw, 'QUERY_COST_PER_MINUTE', 2_000_000, 100, 1_000_000_000);
  if (queryCostPerMinute < maxQueryCost) {
    throw new EnvError(
      'QUERY_COST_PER_MINUTE',
      `must be at least MAX_QUERY_COST (${maxQueryCost}), or no query of the largest cost could run`,
    );
  }
  return {
    maxQueryCost,
    queryCostPerMinute,
    logInFailuresPerAccount: int(raw, 'LOGIN_FAILURES_PER_ACCOUNT', 5, 1, 1_000_000),
    logInFailuresPerAddress: int(raw, 'LOGIN_FAILURES_PER_ADDRESS', 50, 1, 1_000_000),
    signUpsPerHour: int(raw, 'SIGNUPS_PER_HOUR', 10, 1, 1_000_000),
  };
}

/**
 * TRUST_PROXY: unset or `false` trusts no proxy; a whole number trusts that many hops (`1` behind
 * one nginx); otherwise a comma-separated list of addresses, subnets or Express's names
 * (`loopback`, `linklocal`, `uniquelocal`). `true` (trust every hop) is refused: any client
 * could then choose its own address by sending X-Forwarded-For.
 */
function trustProxy(raw: RawEnv): false | number | string[] {
  const value = optional(raw, 'TRUST_PROXY');
  if (value === null || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) return int(raw, 'TRUST_PROXY', 0, 0, 100);
  const entries = value.split(',').map((e) => e.trim());
  const valid = (e: string) =>
    ['loopback', 'linklocal', 'uniquelocal'].includes(e) || /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(e);
  if (entries.some((e) => !valid(e))) {
    throw new EnvError(
      'TRUST_PROXY',
      `must be a number of hops or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal (got "${value}")`,
    );
  }
  return entries;
}

/**
 * METRICS_TOKEN: long enough that guessing it is hopeless (the scraper sends it on every scrape,
 * and /metrics has no rate limit of its own), and only characters a header carries as they are.
 */
function metricsToken(raw: RawEnv): string | null {
  const value = optional(raw, 'METRICS_TOKEN');
  if (value !== null && !/^[\x21-\x7e]{32,512}$/.test(value)) {
    throw new EnvError(
      'METRICS_TOKEN',
      'must be 32 to 512 printable characters without spaces (generate one with: openssl rand -hex 32)',
    );
  }
  return value;
}

function optional(raw: RawEnv, name: string): string | null {
  const value = raw[name]?.trim();
  return value ? value : null;
}

function int(raw: RawEnv, name: string, fallback: number, min: number, max: number): number {
  const value = optional(raw, name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new EnvError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}

function bool(raw: RawEnv, name: string, fallback: boolean): boolean {
  const value = optional(raw, name)?.toLowerCase();
  if (value === undefined || value === null) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new EnvError(name, `must be true or false (got "${value}")`);
}

function oneOf<T extends string>(raw: RawEnv, name: string, values: readonly T[], fallback: T): T {
  const value = optional(raw, name);
  if (value === null) return fallback;
  if (!values.includes(value as T)) {
    throw new EnvError(name, `must be one of ${values.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function url(raw: RawEnv, name: string, protocols: string[]): string | null {
  const value = optional(raw, name);
  if (value === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new EnvError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new EnvError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}
