import { describe, expect, it } from 'vitest';
import { buildEffortTree, type ContributionLike } from './effortTree';

const c = (
  kind: ContributionLike['node']['kind'],
  id: string,
  effort: number,
): ContributionLike => ({
  effort,
  node: { kind, id, key: id.toUpperCase(), title: `title ${id}` },
});

describe('buildEffortTree', () => {
  const structure = {
    objectives: [
      { id: 'o1', alignsTo: [{ goal: { id: 'g1' }, parentObjective: null, keyResult: null }] },
      // a team objective cascading into a key result of o1
      { id: 'o2', alignsTo: [{ goal: null, parentObjective: null, keyResult: { id: 'kr1' } }] },
    ],
    keyResults: [
      { id: 'kr1', objective: { id: 'o1' } },
      { id: 'kr2', objective: { id: 'o2' } },
    ],
    initiatives: [
      { id: 'i1', supports: [{ keyResult: { id: 'kr1' }, objective: null }] },
      // two routes to the goal: left out of the rings
      {
        id: 'i2',
        supports: [
          { keyResult: { id: 'kr1' }, objective: null },
          { keyResult: { id: 'kr2' }, objective: null },
        ],
      },
      { id: 'i3', supports: [{ keyResult: { id: 'kr2' }, objective: null }] },
    ],
  };

  it('nests each node under its only route to the goal, with the figures the API gave', () => {
    const tree = buildEffortTree({
      vision: 'North star',
      totalEffort: 100,
      goals: [
        { goal: { id: 'g1', key: 'G1', title: 'Goal one' }, effort: 60 },
        { goal: { id: 'g2', key: 'G2', title: 'Goal two' }, effort: 0 },
      ],
      unaligned: [{ reason: 'NO_INITIATIVE', label: 'Unaligned: no initiative', effort: 40 }],
      structure,
      explanations: new Map([
        [
          'G1',
          {
            objectives: [c('objective', 'o1', 60), c('objective', 'o2', 25)],
            keyResults: [c('keyResult', 'kr1', 60), c('keyResult', 'kr2', 25)],
            initiatives: [
              c('initiative', 'i1', 30),
              c('initiative', 'i2', 20),
              c('initiative', 'i3', 10),
            ],
          },
        ],
      ]),
    });
    const shape = (n: typeof tree): unknown => ({
      [`${n.kind}:${n.key || n.title}=${n.effort}`]: n.children.map(shape),
    });
    expect(shape(tree)).toEqual({
      'vision:North star=100': [
        {
          'goal:G1=60': [
            {
              'objective:O1=60': [
                {
                  'keyResult:KR1=60': [
                    { 'objective:O2=25': [{ 'keyResult:KR2=25': [{ 'initiative:I3=10': [] }] }] },
                    { 'initiative:I1=30': [] },
                  ],
                },
              ],
            },
          ],
        },
        { 'unaligned:Unaligned: no initiative=40': [] },
      ],
    });
  });
});
