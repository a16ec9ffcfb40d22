import { POINTS, WEIGHT } from '../bounds.js';
import { DomainError } from '../errors/domain-error.js';
import type { AlignmentGraph, EffortGroup, WeightedLink } from './alignment.types.js';
import { alignmentReport } from './alignment-report.js';

const MIX = { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 } as const;
const goal = (id: string): WeightedLink => ({ to: { kind: 'goal', id }, weight: 1 });

/**
 * One ticket group -> I1 -> O3 -> O2 -> O1 -> G1, where at every level the path to G1 has the
 * smallest weight given and a sibling link to G2 has the largest.
 */
function chain(small: number, large: number, effort: number) {
  const up = (to: WeightedLink['to']): WeightedLink[] => [
    { to, weight: small },
    { to: { kind: 'goal', id: 'G2' }, weight: large },
  ];
  const graph: AlignmentGraph = {
    goals: new Map([
      ['G1', { key: 'G1', active: true, horizon: 'CORE', targetShare: null }],
      ['G2', { key: 'G2', active: true, horizon: 'CORE', targetShare: null }],
    ]),
    objectives: new Map([
      ['O1', { active: true, links: [goal('G1')] }],
      ['O2', { active: true, links: up({ kind: 'objective', id: 'O1' }) }],
      ['O3', { active: true, links: up({ kind: 'objective', id: 'O2' }) }],
    ]),
    keyResults: new Map(),
    initiatives: new Map([['I1', { active: true, links: up({ kind: 'objective', id: 'O3' }) }]]),
  };
  const groups: EffortGroup[] = [
    { initiatives: [{ id: 'I1', weight: small }], effort, tickets: 1, unestimated: 0 },
  ];
  return { graph, groups };
}

describe('alignment flow within the bounds of docs/design.md 4.5', () => {
  it('keeps the effort along the lightest path positive with weights up to 1,000 and effort up to 10,000', () => {
    const small = 0.001;
    const { graph, groups } = chain(small, WEIGHT.max, POINTS.max);
    const report = alignmentReport(graph, groups, MIX);
    const share = small / (small + WEIGHT.max);
    const g1 = report.goals.find((g) => g.goalId === 'G1')!;
    expect(g1.effort).toBeGreaterThan(0);
    expect(g1.effort / (POINTS.max * share ** 3)).toBeCloseTo(1, 9);
    expect(report.totalEffort).toBe(POINTS.max);
    expect(report.goals.reduce((s, g) => s + g.effort, 0)).toBeCloseTo(POINTS.max, 6);
  });

  it('takes the share of a link before multiplying, so tiny weights do not underflow to 0', () => {
    // (fraction x weight) / total underflows here: 0.5 x 5e-324 is below the smallest double.
    const { graph, groups } = chain(Number.MIN_VALUE, Number.MIN_VALUE, 1);
    const report = alignmentReport(graph, groups, MIX);
    const g1 = report.goals.find((g) => g.goalId === 'G1')!;
    expect(g1.effort).toBeCloseTo(1 / 8, 12);
  });

  it('names a stored weight outside the bounds instead of returning NaN shares', () => {
    const { graph, groups } = chain(1e308, 1e308, 5);
    const error = catchError(() => alignmentReport(graph, groups, MIX));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'DATA_OUT_OF_BOUNDS' });
    expect(error.message).toMatch(
      /^the sum of the link weights to .* is Infinity, not a finite number/,
    );
  });

  it('names a total effort that is not finite instead of failing to serialize it', () => {
    const { graph } = chain(1, 1, 0);
    const groups: EffortGroup[] = [
      { initiatives: [], effort: 1e308, tickets: 1, unestimated: 0 },
      { initiatives: [], effort: 1e308, tickets: 1, unestimated: 0 },
    ];
    const error = catchError(() => alignmentReport(graph, groups, MIX));
    expect(error).toMatchObject({ code: 'DATA_OUT_OF_BOUNDS' });
    expect(error.message).toMatch(/^the total effort in scope is Infinity/);
  });
});

function catchError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}
