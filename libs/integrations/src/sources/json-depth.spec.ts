import { nestedDeeperThan } from './json-depth.js';

describe('nestedDeeperThan', () => {
  const deep = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));

  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestedDeeperThan(deep(64), 64)).toBe(false);
    expect(nestedDeeperThan(deep(65), 64)).toBe(true);
    expect(nestedDeeperThan(Buffer.from(`{"a":"${'['.repeat(1000)}","b":[{"c":1}]}`), 3)).toBe(
      false,
    );
    expect(nestedDeeperThan(Buffer.from(`{"a":"\\"[[[[","b":{"c":{"d":[1]}}}`), 3)).toBe(true);
  });

  it('scans 2 MiB of nesting in one pass', () => {
    expect(nestedDeeperThan(deep(1024 * 1024), 64)).toBe(true);
  });
});
