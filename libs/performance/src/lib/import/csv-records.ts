/**
 * Splits CSV text into records, line by line, keeping the line number where each record starts. A quoted
 * field may hold commas, doubled quotes and newlines (RFC 4180). Pure and streaming: feed lines, get records.
 */
export class CsvRecords {
  private pending: string | null = null;
  private pendingLine = 0;

  /** Feeds one physical line (without its newline); returns a finished record, or null while a quote is open. */
  push(line: string, lineNo: number): { lineNo: number; fields: string[] } | null {
    const text = this.pending === null ? line : `${this.pending}\n${line}`;
    const start = this.pending === null ? lineNo : this.pendingLine;
    if (!text.includes('"')) {
      this.pending = null;
      return { lineNo: start, fields: text.split(',') };
    }
    const fields = parseQuoted(text);
    if (fields === null) {
      this.pending = text;
      this.pendingLine = start;
      return null;
    }
    this.pending = null;
    return { lineNo: start, fields };
  }

  /** A quote still open at the end of the file: the record from this line on is malformed. */
  unfinished(): number | null {
    return this.pending === null ? null : this.pendingLine;
  }
}

/** The fields of a record with quotes, or null when a quote is still open (the record goes on). */
export function parseQuoted(text: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** A value in PostgreSQL's COPY text format: \N for null, backslash escapes for the rest. */
export function copyText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}
