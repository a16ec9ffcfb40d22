import type { AlignmentGraph, NodeRef } from './alignment.types.js';
import { AlignmentFlow } from './flow.js';

export interface TreePathNode {
  /** the path from the goal down to this node, e.g. "goal:G>objective:O>keyResult:K" */
  path: string;
  /** null for a goal */
  parentPath: string | null;
  node: NodeRef;
  /** effort flowing along this path; a node's children sum exactly to it */
  effort: number;
}

/**
 * The tree leaders picture (goal -> objectives -> key results -> initiatives) from a graph that
 * is not a tree: every path an initiative's effort takes to an active goal becomes a branch, so a
 * node reached by several routes appears once per route with the effort flowing along that route.
 * Effort that stops short of a goal is not in the tree (the report's unaligned buckets hold it).
 */
export function alignmentTree(
  graph: AlignmentGraph,
  inflow: ReadonlyMap<string, number>,
): TreePathNode[] {
  const flow = new AlignmentFlow(graph);
  const nodes = new Map<string, TreePathNode>();
  const walk = (node: NodeRef, below: NodeRef[], effort: number) => {
    if (effort <= 0 || !flow.isActive(node)) return;
    const chain = [node, ...below];
    if (node.kind === 'goal') return addPath(nodes, chain, effort);
    const parents = flow.parents(node);
    const total = parents.reduce((sum, p) => sum + p.weight, 0);
    for (const parent of parents) walk(parent.to, chain, (effort * parent.weight) / total);
  };
  for (const [initiative, effort] of inflow)
    walk({ kind: 'initiative', id: initiative }, [], effort);
  return [...nodes.values()];
}

/** Adds `effort` to every prefix of a goal-first chain of nodes. */
function addPath(nodes: Map<string, TreePathNode>, chain: NodeRef[], effort: number): void {
  let parentPath: string | null = null;
  for (const node of chain) {
    const path: string =
      parentPath === null ? `${node.kind}:${node.id}` : `${parentPath}>${node.kind}:${node.id}`;
    const existing = nodes.get(path);
    if (existing) existing.effort += effort;
    else nodes.set(path, { path, parentPath, node, effort });
    parentPath = path;
  }
}
