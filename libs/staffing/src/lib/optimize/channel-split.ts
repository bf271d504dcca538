/**
 * How the agents working one interval are split between channels (multi-channel problems).
 *
 * Agents come in supplies per channel mask (the channels they may serve); each serves one channel in
 * the interval. With w_under > w_over, the best split maximises the demand served: a maximum flow from
 * the masks to the channels (capacities: the supply of each mask, the requirement of each channel). The
 * rest of the agents count as over-coverage on one of their channels. Edmonds–Karp on at most 2^C + C
 * nodes (C ≤ 16 channels, in practice 4): microseconds per interval. Fractional supplies and demands are
 * fine (requirements may be fractional).
 */
export interface IntervalSplit {
  /** Demand served per channel (≤ its requirement). */
  served: number[];
  /** Agents beyond what any of their channels needs, per channel they were put on. */
  surplus: number[];
  /** Agents of each mask put on each channel (served and surplus together). */
  byMask: Map<number, number[]>;
}

const EPS = 1e-12;

export function splitInterval(supply: ReadonlyMap<number, number>, demand: readonly number[]): IntervalSplit {
  const masks = [...supply.entries()].filter(([, n]) => n > EPS);
  const C = demand.length;
  const M = masks.length;
  // Nodes: 0 = source, 1..M masks, M+1..M+C channels, M+C+1 = sink.
  const N = M + C + 2;
  const sink = N - 1;
  const capacity: number[][] = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  masks.forEach(([mask, n], i) => {
    capacity[0]![i + 1] = n;
    for (let c = 0; c < C; c++) if (mask & (1 << c)) capacity[i + 1]![M + 1 + c] = Infinity;
  });
  for (let c = 0; c < C; c++) capacity[M + 1 + c]![sink] = Math.max(0, demand[c]!);
  const flow: number[][] = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  for (;;) {
    const parent = new Array<number>(N).fill(-1);
    parent[0] = 0;
    const queue = [0];
    while (queue.length > 0 && parent[sink] === -1) {
      const u = queue.shift()!;
      for (let v = 0; v < N; v++) {
        if (parent[v] === -1 && capacity[u]![v]! - flow[u]![v]! > EPS) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) break;
    let push = Infinity;
    for (let v = sink; v !== 0; v = parent[v]!)
      push = Math.min(push, capacity[parent[v]!]![v]! - flow[parent[v]!]![v]!);
    for (let v = sink; v !== 0; v = parent[v]!) {
      flow[parent[v]!]![v]! += push;
      flow[v]![parent[v]!]! -= push;
    }
  }
  const served = new Array<number>(C).fill(0);
  for (let c = 0; c < C; c++) served[c] = flow[M + 1 + c]![sink]!;
  const surplus = new Array<number>(C).fill(0);
  const byMask = new Map<number, number[]>();
  masks.forEach(([mask, n], i) => {
    const onChannel = new Array<number>(C).fill(0);
    for (let c = 0; c < C; c++) onChannel[c] = Math.max(0, flow[i + 1]![M + 1 + c]!);
    byMask.set(mask, onChannel);
    const left = n - flow[0]![i + 1]!;
    if (left <= EPS) return;
    // Put the idle agents on their first channel (any choice gives the same objective).
    for (let c = 0; c < C; c++) {
      if (mask & (1 << c)) {
        surplus[c]! += left;
        onChannel[c]! += left;
        break;
      }
    }
  });
  return { served, surplus, byMask };
}
