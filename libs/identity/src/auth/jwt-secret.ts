import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@app/config';

/**
 * JWT_SECRET, or with the embedded database a secret generated once into DATA_DIR (so tokens
 * survive restarts). loadEnv already refuses a missing secret when DATABASE_URL is set.
 */
export function resolveJwtSecret(env: Pick<Env, 'jwtSecret' | 'dataDir'>): string {
  if (env.jwtSecret) return env.jwtSecret;
  const file = join(env.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
