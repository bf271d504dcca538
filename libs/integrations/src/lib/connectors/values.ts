import { DateTime } from 'luxon';

/** Reading vendor JSON values: each helper returns the value or throws a RowProblem naming the field. */

export class RowProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowProblem';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ISO 8601 with a date, a time and an offset (Z or ±HH[:MM]); any number of fraction digits. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** An ISO 8601 date-time with an offset → `YYYY-MM-DDTHH:MM:SS.sssZ` (truncated to the millisecond), or null. */
export function isoInstant(text: string): string | null {
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? new Date(parsed.toMillis()).toISOString() : null;
}

export function requiredInstant(value: unknown, field: string): string {
  const iso = typeof value === 'string' ? isoInstant(value) : null;
  if (iso === null) throw new RowProblem(field, 'is required, an ISO 8601 date-time with an offset');
  return iso;
}

export function optionalInstant(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const iso = typeof value === 'string' ? isoInstant(value) : null;
  if (iso === null) throw new RowProblem(field, 'must be an ISO 8601 date-time with an offset');
  return iso;
}

/** A vendor id: a non-negative whole number or a non-empty string (at most 200 characters), as text. */
export function requiredId(value: unknown, field: string): string {
  const id = idText(value);
  if (id === null) throw new RowProblem(field, 'is required, a vendor id (number or text)');
  return id;
}

export function optionalId(value: unknown, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const id = idText(value);
  if (id === null) throw new RowProblem(field, 'must be a vendor id (number or text)');
  return id;
}

function idText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value === 'string') {
    const text = value.trim();
    return text.length > 0 && text.length <= 200 ? text : null;
  }
  return null;
}

export function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new RowProblem(field, 'must be text');
  const text = value.trim();
  if (text === '') return null;
  if (text.length > max) throw new RowProblem(field, `must be at most ${max} characters`);
  return text;
}

/** A count (reopens, replies): a whole number ≥ 0, or null when absent. */
export function optionalCount(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new RowProblem(field, 'must be a whole number ≥ 0');
  return value;
}

export function stringList(value: unknown, field: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string'))
    throw new RowProblem(field, 'must be a list of text');
  return (value as string[]).map((t) => t.trim()).filter((t) => t !== '');
}

/** `created + minutes` as an ISO instant (for metrics that give only whole minutes). */
export function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

export function plusSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
