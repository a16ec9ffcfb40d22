import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSecretsKey } from './secrets-key.js';

describe('resolveSecretsKey', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'throughline-secrets-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('decodes SECRETS_KEY and writes nothing into DATA_DIR', () => {
    const key = randomBytes(32);
    expect(resolveSecretsKey({ secretsKey: key.toString('hex'), dataDir })).toEqual(key);
    expect(resolveSecretsKey({ secretsKey: key.toString('base64'), dataDir })).toEqual(key);
    expect(() => statSync(join(dataDir, 'secrets-key'))).toThrow();
  });

  it('generates a key into DATA_DIR once (owner-only) and reads it back on the next start', () => {
    const nested = join(dataDir, 'not-yet');
    const first = resolveSecretsKey({ secretsKey: null, dataDir: nested });
    expect(first).toHaveLength(32);
    const file = join(nested, 'secrets-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first.toString('base64url'));
    expect(resolveSecretsKey({ secretsKey: null, dataDir: nested })).toEqual(first);
  });

  it('refuses a damaged key file rather than replacing it (its sealed credentials would be lost)', () => {
    const file = join(dataDir, 'secrets-key');
    writeFileSync(file, 'not a key');
    expect(() => resolveSecretsKey({ secretsKey: null, dataDir })).toThrow(
      `${file} is not 32 bytes as 64 hex characters or base64`,
    );
    expect(readFileSync(file, 'utf8')).toBe('not a key');
  });
});
