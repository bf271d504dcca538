import { copyText, CsvRecords, parseQuoted } from './csv-records';

describe('CSV records', () => {
  it('splits plain lines and quoted fields with commas, doubled quotes and newlines', () => {
    const records = new CsvRecords();
    expect(records.push('a,b,,d', 2)).toEqual({ lineNo: 2, fields: ['a', 'b', '', 'd'] });
    expect(records.push('x,"hello, ""world""",z', 3)).toEqual({ lineNo: 3, fields: ['x', 'hello, "world"', 'z'] });
    expect(records.push('y,"first line', 4)).toBeNull();
    expect(records.unfinished()).toBe(4);
    expect(records.push('second line",w', 5)).toEqual({ lineNo: 4, fields: ['y', 'first line\nsecond line', 'w'] });
    expect(records.unfinished()).toBeNull();
  });

  it('leaves a quote in the middle of a field as it is', () => {
    expect(parseQuoted('a,5" screen,b')).toEqual(['a', '5" screen', 'b']);
  });

  it('writes COPY text values', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText('')).toBe('\\N');
    expect(copyText('a\tb\\c\nd')).toBe('a\\tb\\\\c\\nd');
  });
});
