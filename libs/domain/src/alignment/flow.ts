import { DomainError } from '../errors/domain-error.js';
import type { AlignmentGraph, NodeRef, UnalignedReason, WeightedLink } from './alignment.types.js';

/** A node's outflow: the fraction of what reaches it that ends at each sink. */
export type Distribution = Map<string, number>;

export const goalSink = (goalId: string) => `goal:${goalId}`;
const nodeKey = (ref: NodeRef) => `${ref.kind}:${ref.id}`;

/**
 * docs/design.md 2.1, the flow: a node with upward links of weights w1..wn passes wi / (w1+...+wn) of
 * what reaches it to each parent; a key result passes everything to its objective; an active goal
 * keeps what reaches it. Effort stops, unaligned, where the chain breaks: at an initiative with no
 * link (NO_KEY_RESULT), at an objective that reaches no goal (NO_GOAL), at an inactive node
 * (INACTIVE_TARGET: it keeps its weight in the denominator, its share is not handed to the live
 * parents). Distributions are memoized per node, so the cost is linear in the size of the graph.
 */
export class AlignmentFlow {
  private readonly memo = new Map<string, Distribution>();
  private readonly reachMemo = new Map<string, ReadonlySet<string>>();
  private readonly visiting = new Set<string>();

  constructor(readonly graph: AlignmentGraph) {}

  /** Where effort entering `ref` ends, as fractions summing to 1. */
  distribution(ref: NodeRef): Distribution {
    const key = nodeKey(ref);
    const known = this.memo.get(key);
    if (known) return known;
    if (this.visiting.has(key)) throw new Error(`the alignment graph has a cycle through ${key}`);
    this.visiting.add(key);
    const result = this.compute(ref);
    this.visiting.delete(key);
    this.memo.set(key, result);
    return result;
  }

  /** The distribution of effort split over weighted links (a ticket's initiatives, a node's parents). */
  split(links: readonly WeightedLink[], none: UnalignedReason): Distribution {
    const total = links.reduce((sum, l) => sum + l.weight, 0);
    if (links.length === 0) return only(none);
    // Weights are bounded (0 < w <= 1,000), so the total is finite; a stored weight outside the
    // bounds is named here instead of turning every share into NaN.
    if (!Number.isFinite(total) || !links.every((l) => l.weight > 0)) {
      const to = links.map((l) => `${l.to.kind} ${l.to.id}`).slice(0, 3);
      throw DomainError.outOfBounds(`the sum of the link weights to ${to.join(', ')}`, total);
    }
    const out: Distribution = new Map();
    for (const link of links) {
      // The share first: w / total is in (0, 1], so no product of a small fraction and a small
      // weight can underflow to 0 before the division (effort would vanish from the invariant).
      const share = link.weight / total;
      for (const [sink, fraction] of this.distribution(link.to)) {
        out.set(sink, (out.get(sink) ?? 0) + fraction * share);
      }
    }
    return out;
  }

  /**
   * The active goals reachable from `ref` along paths that carry flow (no inactive node on them).
   * All weights are positive, so any such path carries some flow.
   */
  reachableGoals(ref: NodeRef): ReadonlySet<string> {
    const key = nodeKey(ref);
    const known = this.reachMemo.get(key);
    if (known) return known;
    const goals = new Set<string>();
    if (this.isActive(ref)) {
      if (ref.kind === 'goal') goals.add(ref.id);
      for (const parent of this.parents(ref))
        for (const g of this.reachableGoals(parent.to)) goals.add(g);
    }
    this.reachMemo.set(key, goals);
    return goals;
  }

  isActive(ref: NodeRef): boolean {
    const node =
      ref.kind === 'goal'
        ? this.graph.goals.get(ref.id)
        : ref.kind === 'objective'
          ? this.graph.objectives.get(ref.id)
          : ref.kind === 'keyResult'
            ? this.graph.keyResults.get(ref.id)
            : this.graph.initiatives.get(ref.id);
    return node?.active ?? false;
  }

  /** Upward links of a node (a key result's ownership edge counts, with weight 1). */
  parents(ref: NodeRef): readonly WeightedLink[] {
    switch (ref.kind) {
      case 'goal':
        return [];
      case 'objective':
        return this.graph.objectives.get(ref.id)?.links ?? [];
      case 'keyResult': {
        const kr = this.graph.keyResults.get(ref.id);
        return kr ? [{ to: { kind: 'objective', id: kr.objectiveId }, weight: 1 }] : [];
      }
      case 'initiative':
        return this.graph.initiatives.get(ref.id)?.links ?? [];
    }
  }

  private compute(ref: NodeRef): Distribution {
    // A node missing from the graph can only be one that is gone: effort to it is dropped work.
    if (!this.isActive(ref)) return only('INACTIVE_TARGET');
    switch (ref.kind) {
      case 'goal':
        return only(goalSink(ref.id));
      case 'keyResult':
        return this.distribution(this.parents(ref)[0].to);
      case 'objective':
        return this.split(this.parents(ref), 'NO_GOAL');
      case 'initiative':
        return this.split(this.parents(ref), 'NO_KEY_RESULT');
    }
  }
}

function only(sink: string): Distribution {
  return new Map([[sink, 1]]);
}
