import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { existingSqlFiles, generateSqlFiles, ROOT, SqlFile } from './sql-files';

const STALE = 'is stale: run `npm run sql:generate` and commit the SQL files it rewrites';

describe('the checked-in SQL files of the repositories', () => {
  let generated: { files: SqlFile[]; problems: string[] };

  beforeAll(async () => {
    generated = await generateSqlFiles();
  });

  it('cover every public repository method with a sample call that runs (or a reason to skip it)', () => {
    expect(generated.problems).toEqual([]);
  });

  it('are exactly the files the repositories make: none missing, none left over', () => {
    const missing = generated.files.map((f) => f.path).filter((p) => !existingSqlFiles().includes(p));
    const extra = existingSqlFiles().filter((p) => !generated.files.some((f) => f.path === p));
    expect({ missing, extra, hint: STALE }).toEqual({ missing: [], extra: [], hint: STALE });
  });

  it('show the statements each repository sends now', () => {
    const stale = generated.files
      .filter((f) => {
        try {
          return readFileSync(join(ROOT, f.path), 'utf8') !== f.text;
        } catch {
          return true;
        }
      })
      .map((f) => `${f.path} ${STALE}`);
    expect(stale).toEqual([]);
  });
});
