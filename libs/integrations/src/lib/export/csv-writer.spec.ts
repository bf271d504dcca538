import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { CsvColumn, csvCell, csvStream, csvText, neutraliseFormula } from './csv-writer';

interface Row {
  team: string;
  metric: string;
  value: number | null;
  at: Date;
}
const columns: CsvColumn<Row>[] = [
  { header: 'team', value: (r) => r.team },
  { header: 'metric', value: (r) => r.metric },
  { header: 'value', value: (r) => r.value },
  { header: 'periodStart', value: (r) => r.at },
];

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+33 1 00 00 00', "'+33 1 00 00 00"],
    ['-1+1', "'-1+1"],
    ['@import', "'@import"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', "'\r=1"],
    ['-12.5', '-12.5'],
    ['+3e5', '+3e5'],
    ['Support, Paris', 'Support, Paris'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, output) => expect(neutraliseFormula(input)).toBe(output));

  it('formats cells: numbers raw, dates ISO, empties empty', () => {
    expect([
      csvCell(-3),
      csvCell(Number.NaN),
      csvCell(null),
      csvCell(true),
      csvCell(new Date(Date.UTC(2024, 0, 2))),
    ]).toEqual(['-3', '', '', 'true', '2024-01-02T00:00:00.000Z']);
  });
});

describe('csvStream', () => {
  const rows: Row[] = [
    { team: 'Paris, "Front"', metric: 'CSAT', value: 91.5, at: new Date(Date.UTC(2024, 3, 1)) },
    { team: '=HYPERLINK("http://x")', metric: 'line\nbreak', value: null, at: new Date(Date.UTC(2024, 3, 2)) },
    { team: 'Zürich – 東京', metric: 'FRT', value: -1, at: new Date(Date.UTC(2024, 3, 3)) },
  ];

  it('writes a BOM, a header row, RFC 4180 quoting and CRLF records (known answer)', async () => {
    const text = await csvText(columns, rows);
    expect(text).toBe(
      '\uFEFFteam,metric,value,periodStart\r\n' +
        '"Paris, ""Front""",CSAT,91.5,2024-04-01T00:00:00.000Z\r\n' +
        '"\'=HYPERLINK(""http://x"")","line\nbreak",,2024-04-02T00:00:00.000Z\r\n' +
        'Zürich – 東京,FRT,-1,2024-04-03T00:00:00.000Z\r\n',
    );
    // Read back with the parser the import uses: same cells, neutralised formula.
    const back = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(back.map((r) => r['team'])).toEqual(['Paris, "Front"', '\'=HYPERLINK("http://x")', 'Zürich – 東京']);
  });

  it('streams an async source without a BOM on request, and fails the stream when the source fails', async () => {
    async function* source() {
      for (let i = 0; i < 3; i++) yield { team: `t${i}`, metric: 'M', value: i, at: new Date(0) };
    }
    expect(await csvText(columns, source(), { bom: false })).toMatch(/^team,metric,value,periodStart\r\nt0,M,0,/);
    async function* broken(): AsyncGenerator<Row> {
      yield rows[0]!;
      throw new Error('database went away');
    }
    await expect(csvText(columns, broken())).rejects.toThrow('database went away');
  });

  it('writes a large report as a stream of chunks', async () => {
    const many = Array.from({ length: 20000 }, (_, i) => ({
      team: `team ${i}`,
      metric: 'CONTACTS',
      value: i,
      at: new Date(0),
    }));
    const stream = csvStream(columns, many);
    expect(stream).toBeInstanceOf(Readable);
    let chunks = 0;
    let lines = 0;
    for await (const chunk of stream) {
      chunks++;
      lines += String(chunk).split('\r\n').length - 1;
    }
    expect(lines).toBe(20001);
    expect(chunks).toBeGreaterThan(1);
  });
});
