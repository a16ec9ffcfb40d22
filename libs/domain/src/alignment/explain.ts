import type { AlignmentGraph, NodeRef, UnalignedReason } from './alignment.types.js';
import { AlignmentFlow, goalSink } from './flow.js';

export interface ExplainedPath {
  /** from the first initiative upward; empty for a ticket linked to no initiative */
  nodes: NodeRef[];
  /** the fraction of the ticket's effort carried along this path */
  fraction: number;
  /** where the path ends: an active goal, or why it stops */
  goalId: string | null;
  reason: UnalignedReason | null;
}

/**
 * Every path a ticket's effort takes (docs/design.md 2.1 "Explain"), with the product of the
 * weight fractions along it. The fractions sum to 1.
 */
export function explainTicket(
  graph: AlignmentGraph,
  initiatives: readonly { id: string; weight: number }[],
): ExplainedPath[] {
  const total = initiatives.reduce((sum, i) => sum + i.weight, 0);
  if (initiatives.length === 0 || !(total > 0))
    return [{ nodes: [], fraction: 1, goalId: null, reason: 'NO_INITIATIVE' }];
  const flow = new AlignmentFlow(graph);
  const paths: ExplainedPath[] = [];
  const walk = (node: NodeRef, nodes: NodeRef[], fraction: number) => {
    const here = [...nodes, node];
    if (!flow.isActive(node))
      return paths.push({ nodes: here, fraction, goalId: null, reason: 'INACTIVE_TARGET' });
    if (node.kind === 'goal')
      return paths.push({ nodes: here, fraction, goalId: node.id, reason: null });
    const parents = flow.parents(node);
    const weights = parents.reduce((sum, p) => sum + p.weight, 0);
    if (parents.length === 0) {
      const reason: UnalignedReason = node.kind === 'initiative' ? 'NO_KEY_RESULT' : 'NO_GOAL';
      return paths.push({ nodes: here, fraction, goalId: null, reason });
    }
    for (const parent of parents) walk(parent.to, here, (fraction * parent.weight) / weights);
  };
  for (const i of initiatives) walk({ kind: 'initiative', id: i.id }, [], i.weight / total);
  return paths.sort((a, b) => b.fraction - a.fraction);
}

export interface Contribution {
  node: NodeRef;
  /** effort that passed through this node on its way to the goal */
  effort: number;
}

/**
 * Where a goal's effort came from: for every initiative, key result and objective, the effort
 * that passed through it and ended at the goal, largest first. `inflow` is the effort entering
 * each initiative (from the tickets in scope).
 */
export function goalContributions(
  graph: AlignmentGraph,
  inflow: ReadonlyMap<string, number>,
  goalId: string,
): Contribution[] {
  const flow = new AlignmentFlow(graph);
  const sink = goalSink(goalId);
  // Push the initiatives' effort up level by level; a node's share of the goal is its inflow
  // times the fraction of its outflow that ends at the goal.
  const entering = new Map<string, { node: NodeRef; effort: number }>();
  const add = (node: NodeRef, effort: number) => {
    const key = `${node.kind}:${node.id}`;
    const entry = entering.get(key);
    if (entry) entry.effort += effort;
    else entering.set(key, { node, effort });
  };
  for (const [id, effort] of inflow) add({ kind: 'initiative', id }, effort);
  const order = topologicalOrder(
    flow,
    [...entering.values()].map((e) => e.node),
  );
  for (const node of order) {
    const here = entering.get(`${node.kind}:${node.id}`);
    if (!here || !flow.isActive(node)) continue;
    const parents = flow.parents(node);
    const weights = parents.reduce((sum, p) => sum + p.weight, 0);
    for (const parent of parents) add(parent.to, (here.effort * parent.weight) / weights);
  }
  return [...entering.values()]
    .filter((e) => e.node.kind !== 'goal')
    .map((e) => ({ node: e.node, effort: e.effort * (flow.distribution(e.node).get(sink) ?? 0) }))
    .filter((c) => c.effort > 0)
    .sort((a, b) => b.effort - a.effort);
}

/** Children before parents, over the nodes reachable upward from `starts`. */
function topologicalOrder(flow: AlignmentFlow, starts: NodeRef[]): NodeRef[] {
  const order: NodeRef[] = [];
  const seen = new Set<string>();
  const visit = (node: NodeRef) => {
    const key = `${node.kind}:${node.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (flow.isActive(node)) for (const parent of flow.parents(node)) visit(parent.to);
    order.push(node);
  };
  for (const node of starts) visit(node);
  return order.reverse();
}

/** The fraction of a ticket's effort that ends at the goal (its initiatives and link weights). */
export function ticketGoalFraction(
  flow: AlignmentFlow,
  initiatives: readonly { id: string; weight: number }[],
  goalId: string,
): number {
  return ticketSinkFraction(flow, initiatives, goalSink(goalId));
}

/**
 * The fraction of a ticket's effort that ends at one sink (a goal's `goalSink`, or an unaligned
 * reason): its links split it as in docs/design.md 2.1, a ticket without links is all NO_INITIATIVE.
 */
export function ticketSinkFraction(
  flow: AlignmentFlow,
  initiatives: readonly { id: string; weight: number }[],
  sink: string,
): number {
  const links = initiatives.map((i) => ({
    to: { kind: 'initiative' as const, id: i.id },
    weight: i.weight,
  }));
  return flow.split(links, 'NO_INITIATIVE').get(sink) ?? 0;
}

/** The effort entering each initiative from the ticket groups (split by the tickets' link weights). */
export function initiativeInflow(
  groups: readonly { initiatives: readonly { id: string; weight: number }[]; effort: number }[],
): Map<string, number> {
  const inflow = new Map<string, number>();
  for (const g of groups) {
    const total = g.initiatives.reduce((sum, i) => sum + i.weight, 0);
    for (const i of g.initiatives)
      inflow.set(i.id, (inflow.get(i.id) ?? 0) + (g.effort * i.weight) / total);
  }
  return inflow;
}
