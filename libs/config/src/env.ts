import { resolve } from 'node:path';

/**
 * The environment of DESIGN.md section 4, validated once at start-up. A bad value stops the process
 * with a message naming the variable; everything has a default that suits the embedded setup.
 */
export interface Env {
  port: number;
  /** null: start the embedded PostgreSQL */
  databaseUrl: string | null;
  dataDir: string;
  /** port of the embedded PostgreSQL (ignored with DATABASE_URL) */
  embeddedPgPort: number;
  redisUrl: string | null;
  /** null: generated into DATA_DIR (allowed only with the embedded database) */
  jwtSecret: string | null;
  demo: boolean;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
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
  return {
    port: int(raw, 'PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: resolve(optional(raw, 'DATA_DIR') ?? './data'),
    embeddedPgPort: int(raw, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    redisUrl: url(raw, 'REDIS_URL', ['redis:', 'rediss:']),
    jwtSecret,
    demo: bool(raw, 'DEMO', databaseUrl === null),
    nodeEnv: oneOf(raw, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    logLevel: oneOf(raw, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
  };
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
