import { describe, expect, it } from 'vitest';
import { buildEffortTree, type AlignmentTreeNodeLike } from './effortTree';

const n = (
  kind: AlignmentTreeNodeLike['kind'],
  id: string,
  parentId: string | null,
  effort: number,
  reason: string | null = null,
): AlignmentTreeNodeLike => {
  const key = kind === 'UNALIGNED' ? '' : id.split('/').pop()!.toUpperCase();
  return { id, parentId, kind, key, title: `title ${key}`, reason, effort };
};

describe('buildEffortTree', () => {
  it('nests the API nodes by parentId with the figures the API gave, once per route', () => {
    const tree = buildEffortTree({
      vision: 'North star',
      totalEffort: 100,
      nodes: [
        n('GOAL', 'g1', null, 60),
        n('OBJECTIVE', 'g1/o1', 'g1', 60),
        n('KEY_RESULT', 'g1/o1/kr1', 'g1/o1', 60),
        n('INITIATIVE', 'g1/o1/kr1/i1', 'g1/o1/kr1', 30),
        // i2 reaches g1 by two routes: through kr1 directly and through o2 -> kr2
        n('INITIATIVE', 'g1/o1/kr1/i2', 'g1/o1/kr1', 10),
        n('OBJECTIVE', 'g1/o1/kr1/o2', 'g1/o1/kr1', 20),
        n('KEY_RESULT', 'g1/o1/kr1/o2/kr2', 'g1/o1/kr1/o2', 20),
        n('INITIATIVE', 'g1/o1/kr1/o2/kr2/i2', 'g1/o1/kr1/o2/kr2', 10),
        n('INITIATIVE', 'g1/o1/kr1/o2/kr2/i3', 'g1/o1/kr1/o2/kr2', 10),
        // no effort: no room in the rings
        n('GOAL', 'g2', null, 0),
        n('UNALIGNED', 'unaligned:NO_INITIATIVE', null, 40, 'NO_INITIATIVE'),
      ],
      unalignedTitle: (reason) => `Unaligned: ${reason.toLowerCase()}`,
    });
    const shape = (node: typeof tree): unknown => ({
      [`${node.kind}:${node.key || node.title}=${node.effort}`]: node.children.map(shape),
    });
    expect(shape(tree)).toEqual({
      'vision:North star=100': [
        {
          'goal:G1=60': [
            {
              'objective:O1=60': [
                {
                  'keyResult:KR1=60': [
                    { 'initiative:I1=30': [] },
                    { 'initiative:I2=10': [] },
                    {
                      'objective:O2=20': [
                        {
                          'keyResult:KR2=20': [
                            { 'initiative:I2=10': [] },
                            { 'initiative:I3=10': [] },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        { 'unaligned:Unaligned: no_initiative=40': [] },
      ],
    });
    // the path ids keep the two appearances of i2 apart
    const ids: string[] = [];
    const walk = (node: typeof tree) => (ids.push(node.id), node.children.forEach(walk));
    walk(tree);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the vision alone when nothing is in scope', () => {
    const tree = buildEffortTree({
      vision: '',
      totalEffort: 0,
      nodes: [],
      unalignedTitle: (r) => r,
    });
    expect(tree).toEqual({
      id: 'vision',
      kind: 'vision',
      key: '',
      title: 'Vision',
      effort: 0,
      children: [],
    });
  });
});
