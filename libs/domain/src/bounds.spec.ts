import {
  formatBound,
  MEASURE,
  numberProblem,
  POINTS,
  quoteValue,
  stringProblem,
  textProblem,
  WEIGHT,
} from './bounds.js';
import { ProblemList } from './problem-list.js';

describe('numberProblem (docs/design.md 4.5)', () => {
  it('accepts the ends of closed bounds and refuses what lies beyond them', () => {
    expect(numberProblem(0, POINTS)).toBeNull();
    expect(numberProblem(10_000, POINTS)).toBeNull();
    expect(numberProblem(-0.5, POINTS)).toBe('must not be less than 0');
    expect(numberProblem(10_000.5, POINTS)).toBe('must be at most 10,000');
    expect(numberProblem(1e308, POINTS)).toBe('must be at most 10,000');
  });

  it('weights are greater than 0 and at most 1,000', () => {
    expect(numberProblem(0, WEIGHT)).toBe('must be greater than 0');
    expect(numberProblem(1e-9, WEIGHT)).toBeNull();
    expect(numberProblem(1_000, WEIGHT)).toBeNull();
    expect(numberProblem(1_001, WEIGHT)).toBe('must be at most 1,000');
  });

  it('measures are finite with |value| <= 1e15', () => {
    expect(numberProblem(-1e15, MEASURE)).toBeNull();
    expect(numberProblem(1e16, MEASURE)).toBe('must be at most 1e15');
    expect(numberProblem(-1e16, MEASURE)).toBe('must not be less than -1e15');
    expect(numberProblem(Infinity, MEASURE)).toBe('must be a finite number');
    expect(numberProblem(NaN, MEASURE)).toBe('must be a number');
    expect(numberProblem('12', MEASURE)).toBe('must be a number');
  });

  it('formats bounds as a person reads them', () => {
    expect(formatBound(10_000)).toBe('10,000');
    expect(formatBound(-1e15)).toBe('-1e15');
  });
});

describe('textProblem', () => {
  it('accepts any well-formed text, including pairs of surrogates (emoji)', () => {
    expect(textProblem('Ärger mit 🚀 und 中文')).toBeNull();
  });

  it('refuses NUL and unpaired surrogates, saying where', () => {
    expect(textProblem('ab\u0000c')).toBe(
      'must not contain a NUL character (U+0000) (at character 3)',
    );
    expect(textProblem('a\uD800')).toBe(
      'must not contain an unpaired UTF-16 surrogate (U+D800) (at character 2)',
    );
    expect(textProblem('\uDC00b')).toBe(
      'must not contain an unpaired UTF-16 surrogate (U+DC00) (at character 1)',
    );
    expect(textProblem('\uDC00\uD800')).not.toBeNull();
  });

  it('stringProblem checks the length first', () => {
    expect(stringProblem('x'.repeat(501), 500)).toBe('must be at most 500 characters');
    expect(stringProblem('x\u0000', 500)).toMatch(/NUL/);
  });

  it('quotes at most a readable part of a value', () => {
    expect(quoteValue('G1')).toBe('"G1"');
    expect(quoteValue('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(60)}..." (1,000,000 characters)`);
    expect(quoteValue([1, 2])).toBe('a list');
    expect(quoteValue({ a: 1 })).toBe('a mapping');
  });
});

describe('ProblemList', () => {
  it('keeps the first problems and sums up the rest in one more entry', () => {
    const list = new ProblemList(3, 'warnings');
    for (let i = 0; i < 1_000_000; i++) list.push({ path: `line ${i}`, message: 'no key' });
    expect(list.size).toBe(1_000_000);
    expect(list.list()).toEqual([
      { path: 'line 0', message: 'no key' },
      { path: 'line 1', message: 'no key' },
      { path: 'line 2', message: 'no key' },
      {
        path: '(more)',
        message: '999,997 more warnings not listed (1,000,000 in all; the first 3 are above)',
      },
    ]);
  });

  it('lists everything, with no summary, below the limit; clips long texts', () => {
    const list = new ProblemList();
    list.push({ path: 'a', message: 'm'.repeat(5_000) });
    expect(list.list()).toHaveLength(1);
    expect(list.list()[0].message.length).toBeLessThan(1_100);
  });
});
