import { FieldProblem } from '../errors/error-codes';

export const UNSTORABLE_TEXT_MESSAGE =
  'must not contain NUL characters or unpaired UTF-16 surrogates (they cannot be stored)';

/** Whether PostgreSQL can store this string as text: no NUL, and valid Unicode (no lone surrogate halves). */
export function isStorableText(value: string): boolean {
  return !value.includes('\0') && value.isWellFormed();
}

/**
 * Every string anywhere inside an argument value (objects, lists, nested inputs) that PostgreSQL would
 * refuse (NUL: "invalid byte sequence for encoding UTF8: 0x00") or silently corrupt (a lone surrogate is
 * written as U+FFFD), each named by its path from the argument, e.g. `input.notes` or `input.rows.7.externalId`.
 */
export function unstorableTextFields(value: unknown, path: string, found: FieldProblem[] = []): FieldProblem[] {
  if (typeof value === 'string') {
    if (!isStorableText(value)) found.push({ field: path, message: UNSTORABLE_TEXT_MESSAGE });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) unstorableTextFields(value[i], `${path}.${i}`, found);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) unstorableTextFields(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}
