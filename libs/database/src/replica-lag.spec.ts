import { parseLsn } from './replica-lag.js';

describe('parseLsn', () => {
  it('reads a WAL position as PostgreSQL prints it, high and low halves in hex', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    // ordered as the log is: a later segment of a higher half is further on
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true);
  });

  it('keeps null for a server that has replayed nothing, and refuses anything else', () => {
    expect(parseLsn(null)).toBeNull();
    expect(() => parseLsn('16-B374D848')).toThrow('not a WAL position');
    expect(() => parseLsn('0/123456789')).toThrow('not a WAL position');
  });
});
