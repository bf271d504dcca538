import { BinaryCopyRows, uuidBytes } from './binary-copy';

describe('BinaryCopyRows', () => {
  const tenant = uuidBytes('11111111-2222-3333-4444-555555555555');
  const importId = uuidBytes('00000000-0000-0000-0000-000000000001');
  /** The stream of one row, without the 19-byte header and the 2-byte trailer. */
  const row = (types: ConstructorParameters<typeof BinaryCopyRows>[0], idx: number, values: unknown[]) => {
    const rows = new BinaryCopyRows(types);
    rows.add(tenant, importId, idx, values as never);
    const bytes = Buffer.concat(rows.finish());
    return bytes.subarray(19, bytes.length - 2);
  };
  /** A field of the row: its 4-byte length, then its bytes (hex). */
  const field = (hex: string) =>
    Buffer.concat([Buffer.from([0, 0, 0, hex.length / 2]), Buffer.from(hex, 'hex')]).toString('hex');

  it('writes the ids, the line number and 64-bit values as PostgreSQL stores them, before and after 2000', () => {
    const bytes = row(['timestamptz', 'timestamptz', 'bigint', 'uuid', 'uuid'], 2 ** 40 + 5, [
      Date.UTC(2000, 0, 1) + 1, // 1 ms after PostgreSQL's epoch: 1,000 µs
      Date.UTC(1999, 11, 31, 23, 59, 59, 999), // 1 ms before it: -1,000 µs
      86_400_000,
      '0a0b0c0d-0e0f-1011-1213-141516171819',
      '0A0B0C0D-0E0F-1011-1213-141516171819',
    ]);
    expect(bytes.toString('hex')).toBe(
      '0008' + // eight fields: tenant, import, line, five values
        field('11111111222233334444555555555555') +
        field('00000000000000000000000000000001') +
        field('0000010000000005') +
        field('00000000000003e8') +
        field('fffffffffffffc18') +
        field('0000000005265c00') +
        field('0a0b0c0d0e0f10111213141516171819') +
        field('0a0b0c0d0e0f10111213141516171819'),
    );
  });

  it('writes the same 64-bit values as BigInt arithmetic would, across the range of timestamps', () => {
    const times = [
      Date.UTC(1970, 0, 1),
      Date.UTC(2026, 10, 30, 12, 34, 56, 789),
      Date.UTC(2284, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      8_639_999_999_999_999,
      -62_135_596_800_001,
    ];
    const bytes = row(
      times.map(() => 'timestamptz'),
      1,
      times,
    );
    const expected = Buffer.alloc(8);
    let at = 2 + 3 * 4 + 16 * 2 + 8; // field count, then three fields before the values
    for (const time of times) {
      expected.writeBigInt64BE(BigInt(time - 946_684_800_000) * 1000n);
      expect(bytes.readInt32BE(at)).toBe(8);
      expect(bytes.subarray(at + 4, at + 12).toString('hex')).toBe(expected.toString('hex'));
      at += 12;
    }
  });
});
