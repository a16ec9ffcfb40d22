import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SharedSecrets {
  jwtSecret: string;
  secretsKey: string;
}

/**
 * JWT_SECRET and SECRETS_KEY, one pair for both replicas (a token one signs the other verifies; a
 * webhook secret one sealed the other opens): from the environment when set, else generated once
 * into DATA_DIR/secrets.json and kept, since the database's sealed secrets need the same key at
 * the next start.
 */
export function sharedSecrets(dataDir: string, env: NodeJS.ProcessEnv): SharedSecrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<SharedSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<SharedSecrets>;
  const secrets: SharedSecrets = {
    jwtSecret: env.JWT_SECRET?.trim() || stored.jwtSecret || randomBytes(32).toString('hex'),
    secretsKey: env.SECRETS_KEY?.trim() || stored.secretsKey || randomBytes(32).toString('base64'),
  };
  if (secrets.jwtSecret !== stored.jwtSecret || secrets.secretsKey !== stored.secretsKey) {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
