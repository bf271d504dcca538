import { Span } from './rules/labor-rules';

/** Subtracts spans from a span: what is left, in order. */
export function subtractSpans(base: Span, holes: readonly Span[]): Span[] {
  let pieces: Span[] = [base];
  for (const hole of holes) {
    pieces = pieces.flatMap((piece) => {
      if (hole.end <= piece.start || hole.start >= piece.end) return [piece];
      const left = hole.start > piece.start ? [{ start: piece.start, end: hole.start }] : [];
      const right = hole.end < piece.end ? [{ start: hole.end, end: piece.end }] : [];
      return [...left, ...right];
    });
  }
  return pieces;
}

/**
 * Agents available per interval: each available span adds the fraction of each interval it covers
 * (an agent present for 5 of 15 minutes counts 1/3). Intervals start at `from` and last `intervalMs`.
 */
export function coverageCurve(from: Date, intervalMs: number, count: number, available: readonly Span[]): number[] {
  const curve = new Array<number>(count).fill(0);
  const origin = from.getTime();
  for (const span of available) {
    const start = Math.max(span.start.getTime(), origin);
    const end = Math.min(span.end.getTime(), origin + count * intervalMs);
    if (end <= start) continue;
    for (let i = Math.floor((start - origin) / intervalMs); i < count && origin + i * intervalMs < end; i++) {
      const slotStart = origin + i * intervalMs;
      curve[i]! += (Math.min(end, slotStart + intervalMs) - Math.max(start, slotStart)) / intervalMs;
    }
  }
  return curve;
}
