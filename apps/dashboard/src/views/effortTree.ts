// Arranges the API's figures into the tree the sunburst draws. It places nodes; it does not compute
// any number: every `effort` below is a value the API returned (alignment, explainGoal).

export interface EffortTreeNode {
  id: string;
  kind: 'vision' | 'goal' | 'objective' | 'keyResult' | 'initiative' | 'unaligned';
  key: string;
  title: string;
  effort: number;
  children: EffortTreeNode[];
}

interface Ref {
  id: string;
}

export interface TreeStructure {
  objectives: {
    id: string;
    alignsTo: { goal: Ref | null; parentObjective: Ref | null; keyResult: Ref | null }[];
  }[];
  keyResults: { id: string; objective: Ref }[];
  initiatives: { id: string; supports: { keyResult: Ref | null; objective: Ref | null }[] }[];
}

export interface ContributionLike {
  effort: number;
  node: {
    id: string;
    key: string;
    title: string;
    kind: 'goal' | 'objective' | 'keyResult' | 'initiative';
  };
}

export interface GoalExplanationLike {
  objectives: ContributionLike[];
  keyResults: ContributionLike[];
  initiatives: ContributionLike[];
}

export interface TreeInput {
  vision: string;
  totalEffort: number;
  goals: { goal: { id: string; key: string; title: string }; effort: number }[];
  unaligned: { reason: string; label: string; effort: number }[];
  structure: TreeStructure;
  explanations: ReadonlyMap<string, GoalExplanationLike>;
}

/**
 * vision -> goals (+ the unaligned buckets) -> objectives -> key results -> initiatives. A node is
 * nested under its parent when that is its only route to the goal inside the goal's explanation;
 * a node reached through several routes is left out of the rings (its parents' arcs keep the room
 * it takes) rather than drawn twice. The goal's drill-down lists every node.
 */
export function buildEffortTree(input: TreeInput): EffortTreeNode {
  const upward = upwardLinks(input.structure);
  const goals = input.goals
    .filter((g) => g.effort > 0)
    .map((g): EffortTreeNode => {
      const explanation = input.explanations.get(g.goal.key);
      const node: EffortTreeNode = {
        id: `goal:${g.goal.id}`,
        kind: 'goal',
        key: g.goal.key,
        title: g.goal.title,
        effort: g.effort,
        children: [],
      };
      if (explanation) node.children = goalChildren(g.goal.id, explanation, upward);
      return node;
    });
  const unaligned = input.unaligned
    .filter((u) => u.effort > 0)
    .map((u): EffortTreeNode => ({
      id: `unaligned:${u.reason}`,
      kind: 'unaligned',
      key: '',
      title: u.label,
      effort: u.effort,
      children: [],
    }));
  return {
    id: 'vision',
    kind: 'vision',
    key: '',
    title: input.vision || 'Vision',
    effort: input.totalEffort,
    children: [...goals, ...unaligned],
  };
}

/** Every node's upward targets (goal, parent objective, key result, owning objective). */
function upwardLinks(structure: TreeStructure): Map<string, string[]> {
  const up = new Map<string, string[]>();
  for (const o of structure.objectives)
    up.set(
      o.id,
      o.alignsTo.flatMap((l) => [l.goal?.id, l.parentObjective?.id, l.keyResult?.id]).filter(isId),
    );
  for (const kr of structure.keyResults) up.set(kr.id, [kr.objective.id]);
  for (const i of structure.initiatives)
    up.set(i.id, i.supports.flatMap((l) => [l.keyResult?.id, l.objective?.id]).filter(isId));
  return up;
}

function goalChildren(
  goalId: string,
  explanation: GoalExplanationLike,
  upward: Map<string, string[]>,
): EffortTreeNode[] {
  const contributions = [
    ...explanation.objectives,
    ...explanation.keyResults,
    ...explanation.initiatives,
  ];
  const present = new Set([goalId, ...contributions.map((c) => c.node.id)]);
  const childrenOf = new Map<string, ContributionLike[]>();
  for (const c of contributions) {
    const parents = (upward.get(c.node.id) ?? []).filter((id) => present.has(id));
    const unique = [...new Set(parents)];
    if (unique.length !== 1) continue;
    const list = childrenOf.get(unique[0]) ?? [];
    list.push(c);
    childrenOf.set(unique[0], list);
  }
  const build = (parentId: string, seen: Set<string>): EffortTreeNode[] =>
    (childrenOf.get(parentId) ?? [])
      .filter((c) => !seen.has(c.node.id))
      .map((c) => ({
        id: `${goalId}/${c.node.id}`,
        kind: c.node.kind,
        key: c.node.key,
        title: c.node.title,
        effort: c.effort,
        children: build(c.node.id, new Set([...seen, c.node.id])),
      }));
  return build(goalId, new Set([goalId]));
}

const isId = (id: string | undefined | null): id is string => typeof id === 'string';
