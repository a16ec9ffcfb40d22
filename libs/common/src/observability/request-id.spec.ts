import { acceptRequestId, withRequestId } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('acceptRequestId', () => {
  it('keeps a short token of safe characters', () => {
    expect(acceptRequestId('lb-7f3a.9_Z')).toBe('lb-7f3a.9_Z');
    expect(acceptRequestId('x'.repeat(64))).toBe('x'.repeat(64));
  });

  it('replaces anything else with a new UUID', () => {
    for (const unsafe of [
      undefined,
      '',
      'x'.repeat(65),
      'a b',
      'line\nbreak',
      '{"json":1}',
      'é',
      ['a', 'b'],
    ]) {
      expect(acceptRequestId(unsafe)).toMatch(UUID);
    }
    expect(acceptRequestId(undefined)).not.toBe(acceptRequestId(undefined));
  });
});

describe('withRequestId', () => {
  it('adds the id beside a REST error body’s fields', () => {
    expect(withRequestId({ code: 'NOT_FOUND', message: 'no' }, 'r1')).toEqual({
      code: 'NOT_FOUND',
      message: 'no',
      requestId: 'r1',
    });
  });

  it('adds it to every GraphQL-shaped error’s extensions, keeping theirs', () => {
    expect(
      withRequestId(
        { errors: [{ message: 'a', extensions: { code: 'X' } }, { message: 'b' }] },
        'r2',
      ),
    ).toEqual({
      errors: [
        { message: 'a', extensions: { code: 'X', requestId: 'r2' } },
        { message: 'b', extensions: { requestId: 'r2' } },
      ],
    });
  });

  it('leaves what is not an object as it is', () => {
    expect(withRequestId('text', 'r3')).toBe('text');
    expect(withRequestId(null, 'r3')).toBeNull();
    expect(withRequestId([1], 'r3')).toEqual([1]);
  });
});
