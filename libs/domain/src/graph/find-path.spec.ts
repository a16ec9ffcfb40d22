import { cycleClosedBy, findPath } from './find-path.js';

/** An upward adjacency function over a fixed edge list (child -> parents). */
function graph(edges: Record<string, string[]>): (node: string) => readonly string[] {
  return (node) => edges[node] ?? [];
}

describe('findPath', () => {
  it('finds a path along upward edges, from start to end', () => {
    const parentsOf = graph({ T1: ['I1'], I1: ['KR1'], KR1: ['O1'], O1: ['G1'] });
    expect(findPath('T1', 'G1', parentsOf)).toEqual(['T1', 'I1', 'KR1', 'O1', 'G1']);
  });

  it('returns null when the target is not above the start', () => {
    const parentsOf = graph({ T1: ['I1'], I1: ['KR1'] });
    expect(findPath('KR1', 'T1', parentsOf)).toBeNull();
  });

  it('terminates on a graph that already has a cycle', () => {
    const parentsOf = graph({ A: ['B'], B: ['A'] });
    expect(findPath('A', 'C', parentsOf)).toBeNull();
  });
});

describe('cycleClosedBy', () => {
  it('refuses a self link as a cycle of one node', () => {
    expect(cycleClosedBy('O1', 'O1', graph({}))).toEqual(['O1', 'O1']);
  });

  it('names a direct cycle: aligning O2 under O1 while O1 is under O2', () => {
    const parentsOf = graph({ O1: ['O2'] });
    expect(cycleClosedBy('O2', 'O1', parentsOf)).toEqual(['O2', 'O1', 'O2']);
  });

  it('counts key-result ownership edges (O1 -> KR of O2, O2 -> KR of O1)', () => {
    // O1 is aligned to O2-KR1, which its objective O2 owns; O1-KR1 belongs to O1.
    const parentsOf = graph({
      O1: ['O2-KR1'],
      'O2-KR1': ['O2'],
      'O1-KR1': ['O1'],
    });
    expect(cycleClosedBy('O2', 'O1-KR1', parentsOf)).toEqual([
      'O2',
      'O1-KR1',
      'O1',
      'O2-KR1',
      'O2',
    ]);
  });

  it('finds a cycle through a long chain', () => {
    const parentsOf = graph({ A: ['B'], B: ['C'], C: ['D'] });
    expect(cycleClosedBy('D', 'A', parentsOf)).toEqual(['D', 'A', 'B', 'C', 'D']);
  });

  it('allows an edge that closes no cycle (also a second path to the same parent)', () => {
    const parentsOf = graph({ O1: ['G1'], O2: ['G1'], 'O1-KR1': ['O1'] });
    expect(cycleClosedBy('O2', 'O1-KR1', parentsOf)).toBeNull();
    expect(cycleClosedBy('O2', 'O1', parentsOf)).toBeNull();
    expect(cycleClosedBy('O1', 'G1', parentsOf)).toBeNull();
  });
});
