import {
  apiTokenSecretMatches,
  formatApiToken,
  hashApiTokenSecret,
  newApiTokenSecret,
  parseApiToken,
} from './api-token-secret.js';

const ORG = '2f1c7a52-1f0e-4a53-9d55-0d6c3e0b6a11';
const ID = 'b7e0e5d4-3c1a-4f4e-8a4b-5a0f3e2d1c00';

describe('API token strings', () => {
  it('round-trip: organization, token id and a 256-bit secret (which may contain _ and -)', () => {
    for (let i = 0; i < 50; i++) {
      const secret = newApiTokenSecret();
      expect(secret).toHaveLength(43);
      expect(parseApiToken(formatApiToken(ORG, ID, secret))).toEqual({
        organizationId: ORG,
        tokenId: ID,
        secret,
      });
    }
  });

  it.each([
    ['empty', ''],
    ['a session token', 'eyJhbGciOiJIUzI1NiJ9.e30.x'],
    ['no secret', `tl_${ORG}_${ID}_`],
    ['a short secret', `tl_${ORG}_${ID}_abc`],
    ['an organization that is not a UUID', `tl_${'x'.repeat(36)}_${ID}_${'a'.repeat(43)}`],
    ['a token id that is not a UUID', `tl_${ORG}_${'-'.repeat(36)}_${'a'.repeat(43)}`],
    ['trailing text', `tl_${ORG}_${ID}_${'a'.repeat(43)}x`],
  ])('refuses %s', (_, token) => {
    expect(parseApiToken(token)).toBeNull();
  });

  it('matches only the secret whose hash is stored', () => {
    const secret = newApiTokenSecret();
    const stored = hashApiTokenSecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(apiTokenSecretMatches(secret, stored)).toBe(true);
    expect(apiTokenSecretMatches(newApiTokenSecret(), stored)).toBe(false);
    expect(apiTokenSecretMatches(secret, 'not-hex')).toBe(false);
  });
});
