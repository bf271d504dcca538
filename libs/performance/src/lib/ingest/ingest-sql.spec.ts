import { CellDeltas } from './ingest-sql';

describe('rollup cell deltas', () => {
  it('sums the amounts of one cell and leaves out cells whose changes cancel', () => {
    const deltas = new CellDeltas(2);
    deltas.add(['t', 'EMAIL'], [1, 10], 1);
    deltas.add(['t', 'EMAIL'], [1, 4], 1);
    deltas.add(['t', 'CHAT'], [1, 7], 1);
    deltas.add(['t', 'CHAT'], [1, 7], -1);
    expect(deltas.changed()).toEqual([{ key: ['t', 'EMAIL'], amounts: [2, 14] }]);
  });

  it('orders cells as PostgreSQL orders the key with text in COLLATE "C" (UTF-8 bytes), part by part', () => {
    // UTF-16 order (JavaScript's <) would put U+1F600 (a surrogate pair, 0xD83D…) before U+FFFD; UTF-8
    // bytes (EF BF BD < F0 9F 98 80) put it after, as the database does. A shorter part comes before a
    // longer one that starts with it, and earlier parts decide first.
    const deltas = new CellDeltas(1);
    const keys = [
      ['b', '😀'],
      ['b', '\uFFFD'],
      ['a', 'zz'],
      ['ab', 'a'],
      ['a', 'z'],
      ['Z', 'z'],
    ];
    for (const key of keys) deltas.add(key, [1], 1);
    expect(deltas.changed().map((c) => c.key)).toEqual([
      ['Z', 'z'],
      ['a', 'z'],
      ['a', 'zz'],
      ['ab', 'a'],
      ['b', '\uFFFD'],
      ['b', '😀'],
    ]);
  });

  it('orders hours by time, whatever the number of digits of their milliseconds', () => {
    const deltas = new CellDeltas(1);
    const late = new Date(Date.UTC(2026, 0, 1));
    const early = new Date(Date.UTC(1990, 0, 1));
    deltas.add(['t', late], [1], 1);
    deltas.add(['t', early], [1], 1);
    expect(deltas.changed().map((c) => c.key[1])).toEqual([early, late]);
  });
});
