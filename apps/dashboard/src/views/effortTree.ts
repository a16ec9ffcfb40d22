// Nests the API's alignmentTree nodes into the tree the sunburst draws. It places nodes; it computes
// no number: the vision's value is the API's totalEffort and every other value is the node's
// effort as returned (a node's children already sum exactly to it).

export type EffortTreeKind =
  'vision' | 'goal' | 'objective' | 'keyResult' | 'initiative' | 'unaligned';

export interface EffortTreeNode {
  id: string;
  kind: EffortTreeKind;
  key: string;
  title: string;
  effort: number;
  children: EffortTreeNode[];
}

/** One node of the API's `alignmentTree` (its `id` is the node's path, unique in the tree). */
export interface AlignmentTreeNodeLike {
  id: string;
  parentId: string | null;
  kind: 'GOAL' | 'OBJECTIVE' | 'KEY_RESULT' | 'INITIATIVE' | 'UNALIGNED';
  key: string;
  title: string;
  /** why an UNALIGNED bucket's work reaches no goal (null for the other kinds) */
  reason: string | null;
  effort: number;
}

export interface TreeInput {
  vision: string;
  totalEffort: number;
  nodes: readonly AlignmentTreeNodeLike[];
  /** an UNALIGNED bucket's title from its reason, in the words the rest of the overview uses */
  unalignedTitle: (reason: string) => string;
}

const KIND: Record<AlignmentTreeNodeLike['kind'], EffortTreeKind> = {
  GOAL: 'goal',
  OBJECTIVE: 'objective',
  KEY_RESULT: 'keyResult',
  INITIATIVE: 'initiative',
  UNALIGNED: 'unaligned',
};

/**
 * vision -> goals and unaligned buckets (parentId null) -> ... by parentId, in the API's order. A
 * node with no effort has no room in the rings and is left out with its branch, so the list beside
 * the chart shows what the rings show.
 */
export function buildEffortTree(input: TreeInput): EffortTreeNode {
  const childrenOf = new Map<string | null, AlignmentTreeNodeLike[]>();
  for (const node of input.nodes) {
    if (node.effort <= 0) continue;
    const siblings = childrenOf.get(node.parentId) ?? [];
    siblings.push(node);
    childrenOf.set(node.parentId, siblings);
  }
  const build = (parentId: string | null): EffortTreeNode[] =>
    (childrenOf.get(parentId) ?? []).map((node) => ({
      id: node.id,
      kind: KIND[node.kind],
      key: node.key,
      title:
        node.kind === 'UNALIGNED' && node.reason ? input.unalignedTitle(node.reason) : node.title,
      effort: node.effort,
      children: build(node.id),
    }));
  return {
    id: 'vision',
    kind: 'vision',
    key: '',
    title: input.vision || 'Vision',
    effort: input.totalEffort,
    children: build(null),
  };
}
