import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSecretsKey, type Env } from '@app/config';

/**
 * The AES-256 key of the SecretBox: SECRETS_KEY, or with the embedded database a key generated
 * once into DATA_DIR/secrets-key (loadEnv already refuses a missing key when DATABASE_URL is
 * set). Losing the file loses every credential sealed with it, so it is never overwritten.
 */
export function resolveSecretsKey(env: Pick<Env, 'secretsKey' | 'dataDir'>): Buffer {
  if (env.secretsKey) {
    const key = decodeSecretsKey(env.secretsKey);
    if (!key) throw new Error('SECRETS_KEY is not 32 bytes as 64 hex characters or base64');
    return key;
  }
  const file = join(env.dataDir, 'secrets-key');
  const existing = readKeyFile(file);
  if (existing) return existing;
  mkdirSync(env.dataDir, { recursive: true });
  // Written whole to a file of its own, then linked into place: the link fails when the server
  // and the CLI (same DATA_DIR) generate at once, and the loser reads the winner's key instead of
  // keeping one that seals what the other cannot open. A reader never sees a half-written file.
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readKeyFile(file)!;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = decodeSecretsKey(text);
  if (!key) {
    // never replaced: the credentials sealed with the old key would be lost with it
    throw new Error(
      `${file} is not 32 bytes as 64 hex characters or base64: restore it from a backup, or set SECRETS_KEY`,
    );
  }
  return key;
}
