import { checkInValueProblem, checkKeyResultMeasure } from './key-result-measure.js';

describe('checkKeyResultMeasure', () => {
  const numeric = { kind: 'NUMERIC' as const, current: 0 };

  it('infers the direction from start and target', () => {
    expect(checkKeyResultMeasure({ ...numeric, start: 20, target: 45 })).toEqual({
      ok: true,
      direction: 'INCREASE',
    });
    expect(checkKeyResultMeasure({ ...numeric, start: 9, target: 3 })).toEqual({
      ok: true,
      direction: 'DECREASE',
    });
  });

  it('accepts a named direction that agrees and refuses one that contradicts', () => {
    expect(
      checkKeyResultMeasure({ ...numeric, start: 9, target: 3, direction: 'DECREASE' }),
    ).toEqual({ ok: true, direction: 'DECREASE' });
    const res = checkKeyResultMeasure({ ...numeric, start: 9, target: 3, direction: 'INCREASE' });
    expect(res).toMatchObject({ ok: false, field: 'direction' });
    expect(res.ok === false && res.message).toMatch(/from 9 to 3 is DECREASE/);
  });

  it('requires a direction when start equals target, unless one is kept', () => {
    expect(checkKeyResultMeasure({ ...numeric, start: 2, target: 2 })).toMatchObject({
      ok: false,
      field: 'direction',
    });
    expect(
      checkKeyResultMeasure({ ...numeric, start: 2, target: 2, direction: 'DECREASE' }),
    ).toEqual({ ok: true, direction: 'DECREASE' });
    expect(checkKeyResultMeasure({ ...numeric, start: 2, target: 2 }, 'DECREASE')).toEqual({
      ok: true,
      direction: 'DECREASE',
    });
  });

  it('prefers the inferred direction over the kept one when start and target differ', () => {
    expect(checkKeyResultMeasure({ ...numeric, start: 1, target: 5 }, 'DECREASE')).toEqual({
      ok: true,
      direction: 'INCREASE',
    });
  });

  it('holds a BOOLEAN key result to 0 -> 1', () => {
    const bool = { kind: 'BOOLEAN' as const, start: 0, target: 1, current: 0 };
    expect(checkKeyResultMeasure(bool)).toEqual({ ok: true, direction: 'INCREASE' });
    expect(checkKeyResultMeasure({ ...bool, start: 1 })).toMatchObject({ field: 'start' });
    expect(checkKeyResultMeasure({ ...bool, target: 2 })).toMatchObject({ field: 'target' });
    expect(checkKeyResultMeasure({ ...bool, current: 0.5 })).toMatchObject({ field: 'current' });
    expect(checkKeyResultMeasure({ ...bool, direction: 'DECREASE' })).toMatchObject({
      field: 'direction',
    });
  });
});

describe('checkInValueProblem', () => {
  it('allows any number for measured kinds and only 0 or 1 for BOOLEAN', () => {
    expect(checkInValueProblem('PERCENT', -3.5)).toBeNull();
    expect(checkInValueProblem('BOOLEAN', 1)).toBeNull();
    expect(checkInValueProblem('BOOLEAN', 0)).toBeNull();
    expect(checkInValueProblem('BOOLEAN', 0.5)).toMatch(/0 \(not done\) or 1 \(done\)/);
  });
});
