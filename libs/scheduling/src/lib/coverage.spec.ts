import { coverageCurve, subtractSpans } from './coverage';

const at = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);

describe('coverage arithmetic', () => {
  it('subtracts holes from a span', () => {
    expect(
      subtractSpans({ start: at('09:00'), end: at('17:00') }, [
        { start: at('12:00'), end: at('12:30') },
        { start: at('16:00'), end: at('18:00') },
      ]),
    ).toEqual([
      { start: at('09:00'), end: at('12:00') },
      { start: at('12:30'), end: at('16:00') },
    ]);
  });

  it('counts part-intervals as fractions', () => {
    // 15-minute intervals from 09:00; an agent from 09:05 to 09:40.
    expect(
      coverageCurve(at('09:00'), 15 * 60_000, 4, [{ start: at('09:05'), end: at('09:40') }]).map(
        (v) => Math.round(v * 1000) / 1000,
      ),
    ).toEqual([0.667, 1, 0.667, 0]);
  });
});
