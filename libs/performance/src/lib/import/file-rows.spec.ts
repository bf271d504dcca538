import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRow, fileRows } from './file-rows';

describe('import file rows', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'deskforce-file-rows-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const fields = ['source', 'external_id', 'comment'];
  async function read(name: string, text: string): Promise<{ rows: FileRow[]; lines: number }> {
    const file = join(folder, name);
    await writeFile(file, text);
    const source = fileRows(file, fields);
    const rows: FileRow[] = [];
    for await (const row of source.rows) rows.push(row);
    return { rows, lines: source.linesRead() };
  }

  it('reads CSV records by their header, from the line each starts on, with quotes, newlines and CRLF', async () => {
    const text =
      '\uFEFFexternalId,comment,source\r\nx1,"hello, ""world""",crm\r\n\r\nx2,"two\nlines",crm\r\nx3,,crm\r\nbroken line\r\nx4,5" screen,crm\r\n';
    expect(await read('a.csv', text)).toEqual({
      rows: [
        { line: 2, raw: ['crm', 'x1', 'hello, "world"'] },
        { line: 4, raw: ['crm', 'x2', 'two\nlines'] },
        { line: 6, raw: ['crm', 'x3', null] },
        { line: 7, problem: 'has 1 fields where the header has 3' },
        { line: 8, raw: ['crm', 'x4', '5" screen'] },
      ],
      lines: 8,
    });
  });

  it('reads a CSV file without quotes line by line, as csv-parse would (BOM, CRLF, blank lines, no final newline)', async () => {
    const text =
      '\uFEFFexternalId,comment,source\r\nx1,hello world,crm\r\n\r\nx2,,crm\r\nbroken line\r\nx3,5 screens,crm';
    expect(await read('plain.csv', text)).toEqual({
      rows: [
        { line: 2, raw: ['crm', 'x1', 'hello world'] },
        { line: 4, raw: ['crm', 'x2', null] },
        { line: 5, problem: 'has 1 fields where the header has 3' },
        { line: 6, raw: ['crm', 'x3', '5 screens'] },
      ],
      lines: 6,
    });
  });

  it('reads a file that mixes CRLF and LF as csv-parse does: the first line ending is the only one', async () => {
    // After a CRLF header, a lone LF is not a line end: lines 2 and 3 are one record of three fields.
    expect(await read('mixed.csv', 'source,externalId\r\ncrm,x1\ncrm,x2\r\ncrm,x3\r\n')).toEqual({
      rows: [
        { line: 2, problem: 'has 3 fields where the header has 2' },
        { line: 4, raw: ['crm', 'x3', null] },
      ],
      lines: 4,
    });
  });

  it('names the line where a quote opens and never closes', async () => {
    const { rows } = await read('b.csv', 'source,externalId\ncrm,x1\ncrm,"x2\ncrm,x3\n');
    expect(rows).toEqual([
      { line: 2, raw: ['crm', 'x1', null] },
      { line: 3, problem: 'a quoted field is never closed' },
    ]);
  });

  it('refuses a header with an unknown column, and an empty file', async () => {
    await expect(read('c.csv', 'source,mood\n')).rejects.toThrow('Unknown column "mood"');
    await expect(read('d.csv', '')).rejects.toThrow('The file is empty');
  });

  it('reads NDJSON objects line by line and names the lines it cannot read', async () => {
    const text = [
      '{"source":"crm","externalId":"x1","comment":"a\\nb"}',
      '',
      '{not json',
      '[1]',
      '{"source":"crm","mood":"ok"}',
    ].join('\n');
    expect(await read('e.ndjson', text)).toEqual({
      rows: [
        { line: 1, raw: ['crm', 'x1', 'a\nb'] },
        { line: 3, problem: 'is not valid JSON' },
        { line: 4, problem: 'is not a JSON object' },
        { line: 5, problem: 'has an unknown field "mood"' },
      ],
      lines: 5,
    });
  });
});
