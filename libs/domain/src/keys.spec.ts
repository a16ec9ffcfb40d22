import { KEY_PATTERN, KEY_RULE } from './keys.js';

describe('keys', () => {
  it.each(['G1', 'Q1-27', 'O1-KR2', 'O1@Q2-27', 'plat.v2', 'a_b', '7', 'x'.repeat(64)])(
    'accepts %s',
    (key) => {
      expect(KEY_PATTERN.test(key)).toBe(true);
    },
  );

  it.each([
    ['an empty key', ''],
    ['a leading dash', '-G1'],
    ['a leading @', '@Q1'],
    ['a space', 'G 1'],
    ['a slash', 'G/1'],
    ['a non-ASCII letter', 'Zürich'],
    ['65 characters', 'x'.repeat(65)],
    ['a trailing newline', 'G1\n'],
  ])('refuses %s', (_, key) => {
    expect(KEY_PATTERN.test(key)).toBe(false);
  });

  it('explains the rule in words', () => {
    expect(KEY_RULE).toMatch(/1-64/);
  });
});
