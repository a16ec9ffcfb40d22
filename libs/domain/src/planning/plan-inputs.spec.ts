import type { AlignmentGraph } from '../alignment/alignment.types.js';
import { planFigures } from './plan-figures.js';
import { applyScenario, type PlanInputs, type ScenarioOverrides } from './plan-inputs.js';

/**
 * Two goals, one objective and key result each; a 28-day cycle (two sprints by the 14-day
 * cadence); team T 5 points per sprint (10), team U 3 (6). B waits on C.
 *
 * | initiative | team | plan          | links          | scenario                          |
 * |------------|------|---------------|----------------|-----------------------------------|
 * | A          | T    | MUST 6        | K1             | estimate 8                        |
 * | B          | T    | SHOULD 4      | K1 1, K2 1     | COULD; link to K2 weight 3        |
 * | C          | U    | COULD 5       | K2             | excluded                          |
 * | D          | U    | (no cycle) 3  | K1             | included, MUST 3                  |
 *
 * Plan: G1 = 6 + 2 = 8, G2 = 2 + 5 = 7 of 15; T demand 10 of 10 (nothing cut), U 5 of 6.
 * Scenario (U at 2 per sprint: 4): G1 = 8 + 1 + 3 = 12, G2 = 3 of 15; T: A 8, B 12 > 10 (B cut);
 * U: D 3 of 4. C left the cycle, so B waits on an UNPLANNED blocker: its 4 are at risk (G1 1, G2 3).
 */
const graph: AlignmentGraph = {
  goals: new Map([
    ['g1', { key: 'G1', active: true, horizon: 'CORE' as const, targetShare: 0.6 }],
    ['g2', { key: 'G2', active: true, horizon: 'ADJACENT' as const, targetShare: 0.4 }],
  ]),
  objectives: new Map([
    ['o1', { active: true, links: [{ to: { kind: 'goal' as const, id: 'g1' }, weight: 1 }] }],
    ['o2', { active: true, links: [{ to: { kind: 'goal' as const, id: 'g2' }, weight: 1 }] }],
  ]),
  keyResults: new Map([
    ['k1', { active: true, objectiveId: 'o1' }],
    ['k2', { active: true, objectiveId: 'o2' }],
  ]),
  initiatives: new Map([
    ['a', { active: true, links: [{ to: { kind: 'keyResult' as const, id: 'k1' }, weight: 1 }] }],
    [
      'b',
      {
        active: true,
        links: [
          { to: { kind: 'keyResult' as const, id: 'k1' }, weight: 1 },
          { to: { kind: 'keyResult' as const, id: 'k2' }, weight: 1 },
        ],
      },
    ],
    ['c', { active: true, links: [{ to: { kind: 'keyResult' as const, id: 'k2' }, weight: 1 }] }],
    ['d', { active: true, links: [{ to: { kind: 'keyResult' as const, id: 'k1' }, weight: 1 }] }],
  ]),
};

const initiative = (
  id: string,
  teamId: string,
  priority: 'MUST' | 'SHOULD' | 'COULD',
  estimate: number,
  inCycle = true,
) => ({
  id,
  key: id.toUpperCase(),
  teamId,
  priority,
  estimate,
  status: 'PROPOSED' as const,
  archived: false,
  cycleId: inCycle ? 'q2' : null,
  cycleStart: inCycle ? '2027-04-01' : null,
});

const inputs: PlanInputs = {
  cycle: { id: 'q2', start: '2027-04-01', end: '2027-04-28' },
  cadenceDays: 14,
  graph,
  initiatives: [
    initiative('a', 't', 'MUST', 6),
    initiative('b', 't', 'SHOULD', 4),
    initiative('c', 'u', 'COULD', 5),
    initiative('d', 'u', 'MUST', 3, false),
  ],
  teams: [
    { teamId: 't', key: 'T', capacityPerSprint: 5, sprints: [] },
    { teamId: 'u', key: 'U', capacityPerSprint: 3, sprints: [] },
  ],
  dependencies: [{ id: 'b<-c', initiativeId: 'b', blockedById: 'c' }],
};

const scenario: ScenarioOverrides = {
  initiatives: [
    { initiativeId: 'a', included: true, estimate: 8, priority: 'MUST' },
    { initiativeId: 'b', included: true, estimate: 4, priority: 'COULD' },
    { initiativeId: 'c', included: false, estimate: 5, priority: 'COULD' },
    { initiativeId: 'd', included: true, estimate: 3, priority: 'MUST' },
  ],
  teams: [{ teamId: 'u', capacityPerSprint: 2 }],
  links: [{ initiativeId: 'b', keyResultId: 'k2', objectiveId: null, weight: 3 }],
};

const MIX = { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 };
const goals = (f: ReturnType<typeof planFigures>) =>
  f.projection.goals.map((g) => [g.goalId, g.effort, g.share]);
const teams = (f: ReturnType<typeof planFigures>) =>
  f.capacity.map((t) => ({
    team: t.team.key,
    capacity: t.capacity,
    demand: t.demand,
    overCommitted: t.overCommitted,
    lines: t.lines.map((l) => `${l.initiativeId} ${l.priority} ${l.cumulative} ${l.aboveCut}`),
  }));

describe('plan inputs and scenarios', () => {
  it('computes the live plan: projection, capacity and cut lines, no risk', () => {
    const f = planFigures(inputs, MIX);
    expect(f.planned.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(goals(f)).toEqual([
      ['g1', 8, 8 / 15],
      ['g2', 7, 7 / 15],
    ]);
    expect(f.plannedEffort).toBe(15);
    expect(teams(f)).toEqual([
      {
        team: 'T',
        capacity: 10,
        demand: 10,
        overCommitted: false,
        lines: ['a MUST 6 true', 'b SHOULD 10 true'],
      },
      { team: 'U', capacity: 6, demand: 5, overCommitted: false, lines: ['c COULD 5 true'] },
    ]);
    expect(f.atRisk).toEqual([]);
    expect(f.risk.atRiskEffort).toBe(0);
  });

  it("applies a scenario's estimates, priorities, inclusion, capacities and link weights", () => {
    const before = JSON.stringify([...inputs.graph.initiatives.get('b')!.links, inputs.teams]);
    const f = planFigures(applyScenario(inputs, scenario), MIX);
    expect(f.planned.map((i) => i.id)).toEqual(['a', 'b', 'd']);
    expect(goals(f)).toEqual([
      ['g1', 12, 0.8],
      ['g2', 3, 0.2],
    ]);
    expect(f.projection.horizons.map((h) => [h.horizon, h.share])).toEqual(
      expect.arrayContaining([
        ['CORE', 0.8],
        ['ADJACENT', 0.2],
      ]),
    );
    expect(teams(f)).toEqual([
      {
        team: 'T',
        capacity: 10,
        demand: 12,
        overCommitted: true,
        lines: ['a MUST 8 true', 'b COULD 12 false'],
      },
      { team: 'U', capacity: 4, demand: 3, overCommitted: false, lines: ['d MUST 3 true'] },
    ]);
    // C left the cycle: B now waits on an unplanned blocker
    expect(f.atRisk).toEqual([{ ...inputs.dependencies[0], reason: 'UNPLANNED' }]);
    expect(f.risk.atRiskEffort).toBe(4);
    expect(f.risk.goals.map((g) => g.atRiskEffort)).toEqual([1, 3]);
    // pure: the live inputs are as they were
    expect(JSON.stringify([...inputs.graph.initiatives.get('b')!.links, inputs.teams])).toBe(
      before,
    );
    expect(planFigures(inputs, MIX).projection.goals[0].effort).toBe(8);
  });

  it('leaves out of the scenario an initiative that joined the cycle after the fork', () => {
    const joined = {
      ...inputs,
      initiatives: [...inputs.initiatives, initiative('e', 't', 'MUST', 1)],
    };
    const f = planFigures(applyScenario(joined, scenario), MIX);
    expect(f.planned.map((i) => i.id)).toEqual(['a', 'b', 'd']);
  });
});
