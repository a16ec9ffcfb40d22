import fc from 'fast-check';
import type {
  AlignmentFigures,
  AlignmentGraph,
  EffortGroup,
  WeightedLink,
} from './alignment.types.js';
import { alignmentReport, goalEffortShare } from './alignment-report.js';
import { explainTicket } from './explain.js';

const MIX = { CORE: 0.7, ADJACENT: 0.2, TRANSFORMATIONAL: 0.1 } as const;
const eps = 1e-9;

/** What must hold for every report (docs/design.md 2.1 invariant and the contract's rounding). */
function expectInvariants(report: AlignmentFigures): void {
  const goals = report.goals.reduce((s, g) => s + g.effort, 0);
  const buckets = report.unaligned.reduce((s, b) => s + b.effort, 0);
  expect(Math.abs(goals + buckets - report.totalEffort)).toBeLessThan(
    1e-6 * Math.max(1, report.totalEffort),
  );
  for (const g of report.goals) {
    expect(g.effort).toBeGreaterThanOrEqual(0);
    expect(g.share).toBeGreaterThanOrEqual(0);
    expect(g.reach + eps).toBeGreaterThanOrEqual(g.share);
    expect(g.reach).toBeLessThanOrEqual(1 + eps);
  }
  for (const b of report.unaligned) expect(b.effort).toBeGreaterThanOrEqual(0);
  const percents = [...report.goals, ...report.unaligned].map((x) => x.percent);
  const sum = Math.round(percents.reduce((s, p) => s + p, 0) * 10);
  // Percents are shares of what the goals and buckets received: 100.0 whenever that is positive
  // (a total of a few denormal doubles can underflow to 0 once split, and then every percent is 0).
  expect(sum).toBe(goals + buckets > 0 ? 1000 : 0);
  for (const p of percents) expect(Math.round(p * 10)).toBeCloseTo(p * 10, 6);
  const horizons = report.horizons.reduce((s, h) => s + h.effort, 0);
  expect(Math.abs(horizons - report.totalEffort)).toBeLessThan(
    1e-6 * Math.max(1, report.totalEffort),
  );
}

/** Random acyclic graphs: links only point to nodes "above" in a random order. */
const arbitraryCase = fc
  .record({
    goals: fc.integer({ min: 0, max: 5 }),
    objectives: fc.integer({ min: 0, max: 8 }),
    keyResults: fc.integer({ min: 0, max: 10 }),
    initiatives: fc.integer({ min: 0, max: 8 }),
    seed: fc.integer(),
    groups: fc.array(
      fc.record({
        links: fc.array(
          fc.record({ target: fc.nat(), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
          { maxLength: 3 },
        ),
        effort: fc.double({ min: 0, max: 100, noNaN: true }),
        tickets: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ goals, objectives, keyResults, initiatives, seed, groups }) =>
    buildCase(goals, objectives, keyResults, initiatives, seed, groups),
  );

function buildCase(
  goalCount: number,
  objectiveCount: number,
  krCount: number,
  initiativeCount: number,
  seed: number,
  rawGroups: { links: { target: number; weight: number }[]; effort: number; tickets: number }[],
): { graph: AlignmentGraph; groups: EffortGroup[] } {
  let s = seed >>> 0;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const goals = new Map(
    Array.from({ length: goalCount }, (_, i) => [
      `G${i}`,
      {
        key: `G${i}`,
        active: rand() > 0.2,
        horizon: (['CORE', 'ADJACENT', 'TRANSFORMATIONAL'] as const)[i % 3],
        targetShare: rand() > 0.5 ? rand() : null,
      },
    ]),
  );
  // Objectives are ordered: objective i may align to goals, to objectives j < i, or to key results of objectives j < i.
  const krOwner = Array.from({ length: krCount }, () =>
    Math.floor(rand() * Math.max(1, objectiveCount)),
  );
  const objectives = new Map<string, { active: boolean; links: WeightedLink[] }>();
  for (let i = 0; i < objectiveCount; i++) {
    const links: WeightedLink[] = [];
    const n = Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const pick = rand();
      const weight = 0.1 + rand() * 5;
      if (pick < 0.5 && goalCount > 0)
        links.push({ to: { kind: 'goal', id: `G${Math.floor(rand() * goalCount)}` }, weight });
      else if (pick < 0.75 && i > 0)
        links.push({ to: { kind: 'objective', id: `O${Math.floor(rand() * i)}` }, weight });
      else {
        const candidates = krOwner.map((o, kr) => ({ o, kr })).filter(({ o }) => o < i);
        if (candidates.length)
          links.push({
            to: {
              kind: 'keyResult',
              id: `K${candidates[Math.floor(rand() * candidates.length)].kr}`,
            },
            weight,
          });
      }
    }
    objectives.set(`O${i}`, { active: rand() > 0.15, links: dedupe(links) });
  }
  const keyResults = new Map(
    objectiveCount > 0
      ? krOwner.map((o, kr) => [`K${kr}`, { active: rand() > 0.1, objectiveId: `O${o}` }] as const)
      : [],
  );
  const initiatives = new Map<string, { active: boolean; links: WeightedLink[] }>();
  for (let i = 0; i < initiativeCount; i++) {
    const links: WeightedLink[] = [];
    const n = Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const weight = 0.1 + rand() * 5;
      if (rand() < 0.7 && keyResults.size)
        links.push({
          to: { kind: 'keyResult', id: `K${Math.floor(rand() * keyResults.size)}` },
          weight,
        });
      else if (objectiveCount)
        links.push({
          to: { kind: 'objective', id: `O${Math.floor(rand() * objectiveCount)}` },
          weight,
        });
    }
    initiatives.set(`I${i}`, { active: rand() > 0.15, links: dedupe(links) });
  }
  const groups: EffortGroup[] = rawGroups.map((g) => ({
    initiatives: initiativeCount
      ? dedupeIds(g.links.map((l) => ({ id: `I${l.target % initiativeCount}`, weight: l.weight })))
      : [],
    effort: g.effort,
    tickets: g.tickets,
    unestimated: 0,
  }));
  return { graph: { goals, objectives, keyResults, initiatives }, groups };
}

function dedupe(links: WeightedLink[]): WeightedLink[] {
  const seen = new Map<string, WeightedLink>();
  for (const l of links) seen.set(`${l.to.kind}:${l.to.id}`, l);
  return [...seen.values()];
}
function dedupeIds(links: { id: string; weight: number }[]) {
  return [...new Map(links.map((l) => [l.id, l])).values()];
}

describe('alignment flow: properties over random acyclic graphs', () => {
  it('conserves effort, keeps everything non-negative, reach >= share, percents sum to 100.0', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ graph, groups }) => {
        expectInvariants(alignmentReport(graph, groups, MIX));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not change when all weights of one node are scaled', () => {
    fc.assert(
      fc.property(
        arbitraryCase,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.nat(),
        ({ graph, groups }, factor, pick) => {
          const objectives = [...graph.objectives.keys()];
          const initiatives = [...graph.initiatives.keys()];
          const all = [...objectives.map((id) => ['o', id]), ...initiatives.map((id) => ['i', id])];
          if (all.length === 0) return;
          const [kind, id] = all[pick % all.length];
          const scale = (links: readonly WeightedLink[]) =>
            links.map((l) => ({ ...l, weight: l.weight * factor }));
          const scaled: AlignmentGraph = {
            ...graph,
            objectives:
              kind === 'o'
                ? new Map(
                    [...graph.objectives].map(([k, v]) => [
                      k,
                      k === id ? { ...v, links: scale(v.links) } : v,
                    ]),
                  )
                : graph.objectives,
            initiatives:
              kind === 'i'
                ? new Map(
                    [...graph.initiatives].map(([k, v]) => [
                      k,
                      k === id ? { ...v, links: scale(v.links) } : v,
                    ]),
                  )
                : graph.initiatives,
          };
          const a = alignmentReport(graph, groups, MIX);
          const b = alignmentReport(scaled, groups, MIX);
          a.goals.forEach((g, i) => expect(b.goals[i].effort).toBeCloseTo(g.effort, 6));
          a.unaligned.forEach((u, i) => expect(b.unaligned[i].effort).toBeCloseTo(u.effort, 6));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("gives one goal's effort and share exactly as the whole report does (explainGoal)", () => {
    fc.assert(
      fc.property(arbitraryCase, ({ graph, groups }) => {
        const report = alignmentReport(graph, groups, MIX);
        for (const goalId of graph.goals.keys()) {
          const figures = report.goals.find((g) => g.goalId === goalId);
          expect(goalEffortShare(graph, groups, goalId)).toEqual({
            effort: figures?.effort ?? 0,
            share: figures?.share ?? 0,
          });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('lists every active goal; a goal with no incoming path gets 0', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ graph, groups }) => {
        const lonely = 'G-lonely';
        const withLonely: AlignmentGraph = {
          ...graph,
          goals: new Map([
            ...graph.goals,
            [lonely, { key: lonely, active: true, horizon: 'CORE', targetShare: 0.2 }],
          ]),
        };
        const report = alignmentReport(withLonely, groups, MIX);
        const activeIds = [...withLonely.goals]
          .filter(([, g]) => g.active)
          .map(([id]) => id)
          .sort((a, b) => a.localeCompare(b));
        expect(report.goals.map((g) => g.goalId)).toEqual(activeIds);
        const g = report.goals.find((x) => x.goalId === lonely)!;
        expect(g).toMatchObject({ effort: 0, share: 0, reach: 0, percent: 0 });
        expect(g.gap).toBeCloseTo(-0.2, 12);
      }),
      { numRuns: 500 },
    );
  });

  it('explains every ticket with path fractions summing to 1', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ graph, groups }) => {
        for (const group of groups) {
          const paths = explainTicket(graph, group.initiatives);
          expect(paths.reduce((s, p) => s + p.fraction, 0)).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 500 },
    );
  });
});
