import { PassThrough, Readable } from 'node:stream';
import { CsvTooLarge } from '../jira/csv-stream.js';
import { checkKeyPrefix, pointsOf, readWhole } from './file-tickets.js';

describe('readWhole', () => {
  it('reads a body whole', async () => {
    const body = await readWhole(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), 100);
    expect(body.toString()).toBe('{"a":1}');
  });

  it('stops past the limit without destroying the stream (the 413 must still be answered)', async () => {
    const input = new PassThrough();
    const read = readWhole(input, 10);
    input.write(Buffer.alloc(8));
    input.write(Buffer.alloc(8));
    await expect(read).rejects.toBeInstanceOf(CsvTooLarge);
    expect(input.destroyed).toBe(false);
    expect(input.listenerCount('data')).toBe(0);
  });
});

describe('pointsOf and checkKeyPrefix', () => {
  it('reads points as files write them', () => {
    expect(pointsOf('')).toBeNull();
    expect(pointsOf(' 3 ')).toBe(3);
    expect(pointsOf('2,5')).toBe(2.5);
    expect(pointsOf('lots')).toBeUndefined();
    expect(pointsOf('-1')).toBeUndefined();
    expect(pointsOf('1e308')).toBe(1e308); // a number: the bounds check reports it, with the row
  });

  it('takes a word as a key prefix', () => {
    expect(checkKeyPrefix(undefined)).toBeNull();
    expect(checkKeyPrefix('TRL')).toBe('TRL');
    expect(() => checkKeyPrefix('a b')).toThrow(/1-32 letters/);
    expect(() => checkKeyPrefix('x'.repeat(33))).toThrow(/1-32 letters/);
  });
});
