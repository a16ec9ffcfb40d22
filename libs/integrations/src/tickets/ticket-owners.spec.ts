import { keyBucket } from './ticket-owners.js';

describe('keyBucket', () => {
  it('puts every key in one of 256 locks, the same one every time', () => {
    const buckets = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const bucket = keyBucket(`PAY-${i}`);
      expect(bucket).toBe(keyBucket(`PAY-${i}`));
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 256).toBe(true);
      buckets.add(bucket);
    }
    // spread over the locks: a file of 10,000 keys takes them all
    expect(buckets.size).toBe(256);
  });

  it('spreads keys beyond Latin letters too', () => {
    expect(keyBucket('ÉQUIPE-1')).not.toBe(keyBucket('ÉQUIPE-2'));
  });
});
