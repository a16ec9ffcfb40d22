import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
/** the size GCM is built for: any other IV length is hashed into one, at a cost in safety */
const IV_BYTES = 12;
/** the full tag: createDecipheriv would otherwise accept a truncated one */
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Encrypts secrets (tracker API credentials, webhook secrets) for storage: AES-256-GCM with a
 * fresh random IV per seal, and the `context` (where the value lives, e.g.
 * `ticket-source:<id>:credentials`) as additional authenticated data, so a sealed value copied
 * into another row or field does not open there. Sealed values read
 * `v1.<iv>.<tag>.<ciphertext>`, each part base64url; the version leaves room for another
 * algorithm or key later.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new Error(`SecretBox needs a ${KEY_BYTES}-byte key (got ${key.length} bytes)`);
    }
    // a copy: the caller's buffer may be reused or zeroed
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string, context: string): string {
    requireContext(context);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  /** Throws SecretBoxError, never returns other text, when `sealed` was not sealed here for `context`. */
  open(sealed: string, context: string): string {
    requireContext(context);
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SecretBoxError(`not a sealed secret (expected ${VERSION}.<iv>.<tag>.<ciphertext>)`);
    }
    const [iv, tag, ciphertext] = parts.slice(1).map(decodePart);
    if (!iv || !tag || !ciphertext || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('not a sealed secret (a part is not base64url of the right size)');
    }
    const decipher = createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'cannot open the sealed secret: it was altered, sealed with another key (SECRETS_KEY), or belongs to another context',
      );
    }
  }
}

/** A sealed value that does not open; the message names no secret. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

function requireContext(context: string): void {
  // an empty context would let a value sealed for one place open in every other place without one
  if (!context) throw new Error('SecretBox needs a context naming where the secret is stored');
}

/**
 * The bytes of a base64url part, or null. Only the canonical spelling: Buffer.from ignores stray
 * characters and unused low bits, so a changed last character could decode to the same bytes.
 */
function decodePart(part: string): Buffer | null {
  if (!BASE64URL.test(part)) return null;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : null;
}
