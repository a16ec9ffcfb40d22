import type { AlignmentGraph, WeightedLink } from '../alignment/alignment.types.js';
import { alignmentReport } from '../alignment/alignment-report.js';
import { projectedDependencyRisk } from './dependency-goals.js';
import { dependencyRisk, dependencyRiskReason, type DependencyNode } from './dependency-risk.js';
import { projectedEffortGroups } from './projection.js';

const plan = { id: 'q2', start: '2026-04-01' };
const node = (id: string, over: Partial<DependencyNode> = {}): DependencyNode => ({
  id,
  status: 'PLANNED',
  archived: false,
  priority: 'MUST',
  cycle: { id: 'q2', start: '2026-04-01' },
  ...over,
});

describe('dependencyRiskReason', () => {
  const cut = new Map([
    ['above', true],
    ['below', false],
  ]);
  it.each([
    ['a DONE blocker, whatever its plan', node('x', { status: 'DONE', cycle: null }), null],
    ['a CANCELLED blocker', node('x', { status: 'CANCELLED' }), 'CANCELLED'],
    ['an archived blocker', node('x', { archived: true }), 'CANCELLED'],
    ['a blocker planned for no cycle', node('x', { cycle: null }), 'UNPLANNED'],
    [
      'a blocker of a later cycle',
      node('x', { cycle: { id: 'q3', start: '2026-07-01' } }),
      'LATER_CYCLE',
    ],
    [
      'a blocker of an earlier cycle, still open',
      node('x', { cycle: { id: 'q1', start: '2026-01-01' } }),
      null,
    ],
    ['a blocker below its cut line', node('below'), 'BELOW_CUT_LINE'],
    ['a WONT blocker of the cycle', node('above', { priority: 'WONT' }), 'BELOW_CUT_LINE'],
    ['a blocker above its cut line', node('above'), null],
    ['a blocker with no team (in no line)', node('teamless'), null],
  ])('%s', (_, blocker, reason) => {
    expect(dependencyRiskReason(blocker, plan, cut)).toBe(reason);
  });
});

describe('dependencyRisk', () => {
  it('puts an initiative behind the at-risk dependencies of its live blockers, transitively', () => {
    // A <- B <- C <- D(CANCELLED): C's own dependency is at risk; B and A wait on C.
    // E <- F(DONE) <- G(CANCELLED): F is done, so G no longer matters to E.
    const nodes = new Map(
      [
        node('A'),
        node('B'),
        node('C'),
        node('D', { status: 'CANCELLED' }),
        node('E'),
        node('F', { status: 'DONE' }),
        node('G', { status: 'CANCELLED' }),
      ].map((n) => [n.id, n]),
    );
    const deps = [
      { id: 'd1', initiativeId: 'A', blockedById: 'B' },
      { id: 'd2', initiativeId: 'B', blockedById: 'C' },
      { id: 'd3', initiativeId: 'C', blockedById: 'D' },
      { id: 'd4', initiativeId: 'E', blockedById: 'F' },
      { id: 'd5', initiativeId: 'F', blockedById: 'G' },
    ];
    const risk = dependencyRisk(nodes, deps, plan, new Map());
    expect(risk.atRisk.map((d) => [d.id, d.reason])).toEqual([
      ['d3', 'CANCELLED'],
      ['d5', 'CANCELLED'],
    ]);
    expect([...risk.behind]).toEqual([
      ['A', ['d3']],
      ['B', ['d3']],
      ['C', ['d3']],
      ['F', ['d5']],
    ]);
  });

  it('stops at a cycle in stored data instead of looping', () => {
    const nodes = new Map([node('A'), node('B')].map((n) => [n.id, n]));
    const deps = [
      { id: 'd1', initiativeId: 'A', blockedById: 'B' },
      { id: 'd2', initiativeId: 'B', blockedById: 'A' },
    ];
    expect(dependencyRisk(nodes, deps, plan, new Map()).behind.size).toBe(0);
  });
});

describe('projectedDependencyRisk', () => {
  // G1 <- O1 <- k1 <- A (10), B (6, split 1:1 with k2); G2 <- O2 <- k2 <- B, C (4).
  const link = (id: string, weight = 1): WeightedLink => ({
    to: { kind: 'keyResult', id },
    weight,
  });
  const graph: AlignmentGraph = {
    goals: new Map([
      ['G1', { key: 'G1', active: true, horizon: 'CORE', targetShare: null }],
      ['G2', { key: 'G2', active: true, horizon: 'CORE', targetShare: null }],
    ]),
    objectives: new Map([
      ['O1', { active: true, links: [{ to: { kind: 'goal', id: 'G1' }, weight: 1 }] }],
      ['O2', { active: true, links: [{ to: { kind: 'goal', id: 'G2' }, weight: 1 }] }],
    ]),
    keyResults: new Map([
      ['k1', { active: true, objectiveId: 'O1' }],
      ['k2', { active: true, objectiveId: 'O2' }],
    ]),
    initiatives: new Map([
      ['A', { active: true, links: [link('k1')] }],
      ['B', { active: true, links: [link('k1'), link('k2')] }],
      ['C', { active: true, links: [link('k2')] }],
    ]),
  };
  const initiatives = [
    { id: 'A', priority: 'MUST' as const, estimate: 10 },
    { id: 'B', priority: 'MUST' as const, estimate: 6 },
    { id: 'C', priority: 'SHOULD' as const, estimate: 4 },
  ];
  const mix = { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 };
  const projected = alignmentReport(graph, projectedEffortGroups(initiatives).groups, mix);

  it('rolls the effort of the initiatives behind an at-risk dependency up to the goals they feed', () => {
    // A waits on a cancelled X (d1), C waits on A (d2, safe itself): both are behind d1.
    // G1: A 10 + B 3 = 13, at risk 10. G2: B 3 + C 4 = 7, at risk 4. Total 20, at risk 14.
    const behind = new Map([
      ['A', ['d1']],
      ['C', ['d1']],
    ]);
    const risk = projectedDependencyRisk(graph, initiatives, behind, projected);
    expect(risk.atRiskEffort).toBe(14);
    expect(risk.atRiskShare).toBeCloseTo(14 / 20, 12);
    expect(risk.goals).toEqual([
      { goalId: 'G1', atRiskEffort: 10, atRiskShare: 10 / 13, dependencyIds: ['d1'] },
      { goalId: 'G2', atRiskEffort: 4, atRiskShare: 4 / 7, dependencyIds: ['d1'] },
    ]);
  });

  it('is all zero when nothing is behind an at-risk dependency', () => {
    const risk = projectedDependencyRisk(graph, initiatives, new Map(), projected);
    expect(risk.atRiskEffort).toBe(0);
    expect(risk.goals.every((g) => g.atRiskEffort === 0 && g.atRiskShare === 0)).toBe(true);
  });

  it('counts a WONT initiative nowhere, as the projection does', () => {
    const wont = initiatives.map((i) => (i.id === 'A' ? { ...i, priority: 'WONT' as const } : i));
    const report = alignmentReport(graph, projectedEffortGroups(wont).groups, mix);
    const risk = projectedDependencyRisk(graph, wont, new Map([['A', ['d1']]]), report);
    expect(risk.atRiskEffort).toBe(0);
    expect(risk.goals[0].dependencyIds).toEqual([]);
  });
});
