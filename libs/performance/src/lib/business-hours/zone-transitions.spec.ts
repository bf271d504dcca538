import { IANAZone } from 'luxon';
import { zoneTransitions } from './zone-transitions';

const HOUR = 3_600_000;

describe('zoneTransitions', () => {
  it('finds the two Paris changes of 2024 to the millisecond (31 Mar 01:00 UTC → +2 h, 27 Oct 01:00 UTC → +1 h)', () => {
    const paris = zoneTransitions('Europe/Paris');
    expect(paris.changesBetween(Date.parse('2024-01-01T00:00:00Z'), Date.parse('2025-01-01T00:00:00Z'))).toEqual([
      { at: Date.parse('2024-03-31T01:00:00Z'), offsetMs: 2 * HOUR },
      { at: Date.parse('2024-10-27T01:00:00Z'), offsetMs: 1 * HOUR },
    ]);
  });

  it('reads a year after 2440 from the 400-year cycle: Paris in 9999 changes on the last Sundays of March and October', () => {
    // 28 Mar 9999 and 31 Oct 9999 are the last Sundays (9999 ≡ 2399 mod 400, whose last Sundays fall on the same dates).
    const paris = zoneTransitions('Europe/Paris');
    const changes = paris.changesBetween(Date.parse('9999-01-01T00:00:00Z'), Date.parse('9999-12-31T00:00:00Z'));
    expect(changes).toEqual([
      { at: Date.parse('9999-03-28T01:00:00Z'), offsetMs: 2 * HOUR },
      { at: Date.parse('9999-10-31T01:00:00Z'), offsetMs: 1 * HOUR },
    ]);
    expect(new Date(changes[0]!.at).getUTCDay()).toBe(0);
    // The same as the zone database itself says (luxon reads it through Intl).
    const zone = IANAZone.create('Europe/Paris');
    expect(zone.offset(changes[0]!.at - 1)).toBe(60);
    expect(zone.offset(changes[0]!.at)).toBe(120);
    expect(zone.offset(changes[1]!.at - 1)).toBe(120);
    expect(zone.offset(changes[1]!.at)).toBe(60);
  });

  it('has no change before 1800 and keeps the local mean time there (Paris: +0:09:21)', () => {
    const paris = zoneTransitions('Europe/Paris');
    const from = Date.parse('0100-06-01T00:00:00Z');
    expect(paris.changesBetween(from, Date.parse('1799-06-01T00:00:00Z'))).toEqual([]);
    expect(paris.offsetAt(from)).toBe(Math.round(IANAZone.create('Europe/Paris').offset(from) * 60_000));
  });
});
