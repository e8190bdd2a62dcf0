/**
 * Who masks with whom and who holds whose shares. Bonawitz et al. pair every two clients; SecAgg+ (Bell et al.
 * 2020) pairs each client with k neighbours only, which makes the cost per client O(k) instead of O(n). fedlora
 * places the round's clients on a ring in random order and joins each to the k/2 nearest on either side (a
 * Harary graph, k even); k ≥ n − 1 gives the complete graph. A client's shares go to its neighbours and itself.
 */

export type NeighbourGraph = ReadonlyMap<string, ReadonlySet<string>>;

/** The k-regular ring graph over `ring` (already in random order); complete when k ≥ n − 1. */
export function neighbourGraph(ring: readonly string[], k: number): NeighbourGraph {
  const n = ring.length;
  const graph = new Map(ring.map((id) => [id, new Set<string>()]));
  const complete = k >= n - 1;
  if (!complete && (k < 2 || k % 2 !== 0)) throw new RangeError(`neighbours must be even and at least 2, or at least n − 1 = ${n - 1}; got ${k}`);
  for (let i = 0; i < n; i++) {
    const reach = complete ? n - 1 : k / 2;
    for (let d = 1; d <= reach; d++) {
      const j = (i + d) % n;
      if (j === i) continue;
      graph.get(ring[i])!.add(ring[j]);
      graph.get(ring[j])!.add(ring[i]);
    }
  }
  return graph;
}

/**
 * Shares needed to recover a secret held by `holders` clients (its neighbours and itself): a strict majority, so
 * that no minority of clients can rebuild a secret, and enough that up to `maxDropouts` holders may be missing.
 */
export function shareThreshold(holders: number, maxDropouts: number): number {
  return Math.max(Math.floor(holders / 2) + 1, holders - maxDropouts);
}

/** +1 when `self` adds the pairwise mask it shares with `peer`, −1 when it subtracts it: the two cancel in the sum. */
export function pairSign(self: string, peer: string): 1 | -1 {
  return self < peer ? 1 : -1;
}

/** `graph` without the edges between the given pairs (a client that blamed a peer neither masks nor shares with it). */
export function withoutEdges(graph: NeighbourGraph, pairs: readonly (readonly [string, string])[]): NeighbourGraph {
  const cut = new Map([...graph].map(([id, peers]) => [id, new Set(peers)]));
  for (const [a, b] of pairs) {
    cut.get(a)?.delete(b);
    cut.get(b)?.delete(a);
  }
  return cut;
}
