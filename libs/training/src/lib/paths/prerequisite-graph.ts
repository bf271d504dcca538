/** A module of a path and the modules of the same path that must be complete before it can start. */
export interface PathNode {
  moduleId: string;
  prerequisiteIds: readonly string[];
}

export type GraphResult = { ok: true; order: string[] } | { ok: false; cycle: string[] };

/**
 * Kahn's algorithm: a topological order of the modules (prerequisites first; among modules ready together, the earliest given),
 * or, when there is none, one cycle as the list of modules around it (first = last), found by walking
 * prerequisite edges among the modules Kahn could not place. Pure, O(V + E).
 */
export function topologicalOrder(nodes: readonly PathNode[]): GraphResult {
  const index = new Map(nodes.map((n, i) => [n.moduleId, i]));
  const inDegree = nodes.map((n) => n.prerequisiteIds.length);
  const dependents = nodes.map(() => [] as number[]);
  nodes.forEach((n, i) => n.prerequisiteIds.forEach((p) => dependents[index.get(p)!]!.push(i)));
  const ready = nodes.map((_, i) => i).filter((i) => inDegree[i] === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const next = ready.shift()!;
    order.push(nodes[next]!.moduleId);
    for (const d of dependents[next]!) if (--inDegree[d]! === 0) ready.push(d);
  }
  if (order.length === nodes.length) return { ok: true, order };

  // Every unplaced module has an unplaced prerequisite: following them must revisit a module.
  const placed = new Set(order);
  let current = nodes.find((n) => !placed.has(n.moduleId))!.moduleId;
  const seen = new Map<string, number>();
  const walk: string[] = [];
  while (!seen.has(current)) {
    seen.set(current, walk.length);
    walk.push(current);
    const node = nodes[index.get(current)!]!;
    current = node.prerequisiteIds.find((p) => !placed.has(p))!;
  }
  // The walk goes from a module to its prerequisite; reverse it so the cycle reads in learning order.
  const cycle = walk.slice(seen.get(current)!).reverse();
  return { ok: false, cycle: [...cycle, cycle[0]!] };
}
