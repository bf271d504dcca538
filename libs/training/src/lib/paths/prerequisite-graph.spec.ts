import fc from 'fast-check';
import { PathNode, topologicalOrder } from './prerequisite-graph';

describe('topologicalOrder', () => {
  it('puts prerequisites first, taking the earliest given module whenever several are ready', () => {
    const nodes: PathNode[] = [
      { moduleId: 'c', prerequisiteIds: ['a', 'b'] },
      { moduleId: 'a', prerequisiteIds: [] },
      { moduleId: 'b', prerequisiteIds: ['a'] },
      { moduleId: 'd', prerequisiteIds: [] },
    ];
    expect(topologicalOrder(nodes)).toEqual({ ok: true, order: ['a', 'b', 'c', 'd'] });
  });

  it('finds a two-module cycle and a longer one, listed in learning order', () => {
    expect(
      topologicalOrder([
        { moduleId: 'a', prerequisiteIds: ['b'] },
        { moduleId: 'b', prerequisiteIds: ['a'] },
      ]),
    ).toEqual({ ok: false, cycle: ['b', 'a', 'b'] });
    const result = topologicalOrder([
      { moduleId: 'x', prerequisiteIds: [] },
      { moduleId: 'a', prerequisiteIds: ['x', 'c'] },
      { moduleId: 'b', prerequisiteIds: ['a'] },
      { moduleId: 'c', prerequisiteIds: ['b'] },
      { moduleId: 'after', prerequisiteIds: ['c'] },
    ]);
    expect(result).toEqual({ ok: false, cycle: ['b', 'c', 'a', 'b'] });
  });

  it('for any random graph: an order respects every edge, or the cycle returned is a real cycle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((size) =>
          fc
            .array(fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: size - 1 })), {
              maxLength: 30,
            })
            .map((edges) => ({ size, edges })),
        ),
        ({ size, edges }) => {
          const nodes: PathNode[] = Array.from({ length: size }, (_, i) => ({
            moduleId: `m${i}`,
            prerequisiteIds: [
              ...new Set(edges.filter(([from, to]) => from === i && to !== i).map(([, to]) => `m${to}`)),
            ],
          }));
          const result = topologicalOrder(nodes);
          if (result.ok) {
            expect(new Set(result.order).size).toBe(size);
            const position = new Map(result.order.map((id, i) => [id, i]));
            for (const node of nodes)
              for (const p of node.prerequisiteIds) expect(position.get(p)!).toBeLessThan(position.get(node.moduleId)!);
          } else {
            const cycle = result.cycle;
            expect(cycle[0]).toBe(cycle.at(-1));
            expect(cycle.length).toBeGreaterThanOrEqual(3);
            // Each module in the cycle is a prerequisite of the next one.
            for (let i = 0; i + 1 < cycle.length; i++) {
              expect(nodes.find((n) => n.moduleId === cycle[i + 1])!.prerequisiteIds).toContain(cycle[i]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
