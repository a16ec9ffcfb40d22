import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError } from './secret-box.js';

const CONTEXT = 'ticket-source:0b6c1d2e:credentials';

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  /** `sealed` with part `index` (0 = version, 1 = iv, 2 = tag, 3 = ciphertext) replaced */
  const withPart = (sealed: string, index: number, part: string) =>
    sealed
      .split('.')
      .map((p, i) => (i === index ? part : p))
      .join('.');
  /** one bit of a base64url part flipped, spelled canonically (so only the bytes differ) */
  const flipBit = (part: string) => {
    const bytes = Buffer.from(part, 'base64url');
    bytes[0]! ^= 1;
    return bytes.toString('base64url');
  };

  it.each([
    ['ASCII', '{"user":"ops@example.com","token":"ATATT3xFfGF0"}'],
    ['unicode', 'pässwörd 🔑 密码 — ok'],
    ['the empty string', ''],
    ['a long value', 'x'.repeat(100_000)],
  ])('opens what it sealed: %s', (_, plaintext) => {
    const sealed = box.seal(plaintext, CONTEXT);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]*$/);
    expect(sealed).not.toContain(plaintext || '\u0000');
    expect(box.open(sealed, CONTEXT)).toBe(plaintext);
  });

  it('draws a new IV for every seal, so equal secrets never look equal', () => {
    const sealed = Array.from({ length: 50 }, () => box.seal('same secret', CONTEXT));
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(50);
    expect(new Set(sealed).size).toBe(50);
    for (const s of sealed) expect(box.open(s, CONTEXT)).toBe('same secret');
  });

  it('opens with another SecretBox on the same key (another replica, a restart)', () => {
    expect(new SecretBox(Buffer.from(key)).open(box.seal('shared', CONTEXT), CONTEXT)).toBe(
      'shared',
    );
  });

  it.each([
    [1, 'the IV'],
    [2, 'the tag'],
    [3, 'the ciphertext'],
  ])('refuses a value whose part %i (%s) was altered', (index) => {
    const sealed = box.seal('a secret worth stealing', CONTEXT);
    const tampered = withPart(sealed, index, flipBit(sealed.split('.')[index]!));
    expect(() => box.open(tampered, CONTEXT)).toThrow(SecretBoxError);
    expect(() => box.open(tampered, CONTEXT)).toThrow(/altered, sealed with another key/);
  });

  it('refuses a ciphertext that was cut short or extended', () => {
    const sealed = box.seal('a secret worth stealing', CONTEXT);
    const ciphertext = Buffer.from(sealed.split('.')[3]!, 'base64url');
    for (const changed of [
      ciphertext.subarray(0, -1),
      Buffer.concat([ciphertext, Buffer.from([0])]),
      Buffer.alloc(0),
    ]) {
      const tampered = withPart(sealed, 3, changed.toString('base64url'));
      expect(() => box.open(tampered, CONTEXT)).toThrow(SecretBoxError);
    }
  });

  it('refuses a value sealed for another context (copied into another row or field)', () => {
    const sealed = box.seal('a secret', CONTEXT);
    expect(() => box.open(sealed, 'ticket-source:0b6c1d2e:webhook-secret')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'ticket-source:99999999:credentials')).toThrow(SecretBoxError);
  });

  it('refuses a value sealed with another key', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('a secret', CONTEXT);
    expect(() => box.open(sealed, CONTEXT)).toThrow(
      /cannot open the sealed secret: it was altered, sealed with another key \(SECRETS_KEY\)/,
    );
  });

  it('refuses malformed values with a message of its own', () => {
    const sealed = box.seal('a secret', CONTEXT);
    const [, iv, tag, ciphertext] = sealed.split('.');
    for (const malformed of [
      '',
      'plain text',
      'v1',
      `v1.${iv}.${tag}`,
      `${sealed}.extra`,
      withPart(sealed, 0, 'v2'),
      withPart(sealed, 0, 'V1'),
      `v1.${iv}!.${tag}.${ciphertext}`,
      `v1.${iv}.${tag}.${ciphertext}=`,
      `v1.${iv!.slice(0, -2)}.${tag}.${ciphertext}`,
      `v1.${iv}.${tag!.slice(0, -3)}.${ciphertext}`,
      `v1.${Buffer.from(iv!, 'base64url').toString('base64')}AAAA.${tag}.${ciphertext}`,
      `v1..${tag}.${ciphertext}`,
    ]) {
      expect(() => box.open(malformed, CONTEXT)).toThrow(SecretBoxError);
      expect(() => box.open(malformed, CONTEXT)).toThrow(/not a sealed secret/);
    }
  });

  it('refuses a part spelled with unused bits set, though Buffer would decode it to the same bytes', () => {
    const sealed = box.seal('a secret', CONTEXT);
    const tag = sealed.split('.')[2]!;
    // 16 bytes are 22 characters with 4 unused bits in the last one
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const loose = tag.slice(0, -1) + last[last.indexOf(tag.at(-1)!) + 1];
    expect(Buffer.from(loose, 'base64url')).toEqual(Buffer.from(tag, 'base64url'));
    expect(() => box.open(withPart(sealed, 2, loose), CONTEXT)).toThrow(SecretBoxError);
  });

  it('needs a 32-byte key and a context', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32-byte key \(got 16 bytes\)/);
    expect(() => box.seal('a secret', '')).toThrow(/context/);
    expect(() => box.open(box.seal('a secret', CONTEXT), '')).toThrow(/context/);
  });

  it('keeps its own copy of the key', () => {
    const buffer = randomBytes(32);
    const own = new SecretBox(buffer);
    const sealed = own.seal('a secret', CONTEXT);
    buffer.fill(0);
    expect(own.open(sealed, CONTEXT)).toBe('a secret');
  });
});
