/**
 * Depth-first search for a path `from` -> ... -> `to` over an upward adjacency function.
 * Used to refuse links that would close a cycle: adding edge A -> B closes a cycle exactly when a
 * path B -> ... -> A already exists. Returns the node ids along the path, or null.
 */
export function findPath(
  from: string,
  to: string,
  parentsOf: (node: string) => readonly string[],
): string[] | null {
  const visited = new Set<string>();
  const stack: { node: string; path: string[] }[] = [{ node: from, path: [from] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === to) return path;
    if (visited.has(node)) continue;
    visited.add(node);
    for (const parent of parentsOf(node)) {
      if (!visited.has(parent)) stack.push({ node: parent, path: [...path, parent] });
    }
  }
  return null;
}

/**
 * The cycle that adding `child -> parent` would close, as the list of nodes starting and ending
 * at `child` (e.g. [O1, O2-KR1, O2, O1]), or null when the edge is safe.
 */
export function cycleClosedBy(
  child: string,
  parent: string,
  parentsOf: (node: string) => readonly string[],
): string[] | null {
  if (child === parent) return [child, child];
  const path = findPath(parent, child, parentsOf);
  return path ? [child, ...path] : null;
}
