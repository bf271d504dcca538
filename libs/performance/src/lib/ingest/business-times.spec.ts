import { businessMilliseconds, compileBusinessCalendar } from '../business-hours';
import { businessTimes } from './ingest-sql';

const WEEKDAY = [{ start: '09:00', end: '17:00' }];
/** Mon–Fri 09:00–17:00 in Istanbul (UTC+3 all year), 29 October 2026 (Republic Day, a Thursday) off. */
const istanbul = compileBusinessCalendar({
  zone: 'Europe/Istanbul',
  weekly: { monday: WEEKDAY, tuesday: WEEKDAY, wednesday: WEEKDAY, thursday: WEEKDAY, friday: WEEKDAY },
  holidays: [{ date: '2026-10-29', name: 'Republic Day' }],
});
const TEAM = '6f1c8e2a-0000-4000-8000-000000000001';
const OTHER = '6f1c8e2a-0000-4000-8000-000000000002';
const at = (iso: string) => Date.parse(iso);

describe('businessTimes (the ingest’s business first response and resolution)', () => {
  it('computes them for contacts of teams with a calendar, by hand', async () => {
    const times = await businessTimes(new Map([[TEAM, istanbul]]), [
      // Wed 28 Oct 16:00 local (13:00Z) → Fri 30 Oct 10:00 local (07:00Z): 1 h + 0 (the holiday) + 1 h = 7,200,000 ms;
      // resolved Fri 11:30:15 local: 1 h + 2 h 30 min 15 s = 12,615,000 ms.
      {
        idx: 0,
        teamId: TEAM.toUpperCase(),
        createdAt: at('2026-10-28T13:00:00Z'),
        firstResponseAt: at('2026-10-30T07:00:00Z'),
        resolvedAt: at('2026-10-30T08:30:15Z'),
      },
      // Sat 31 Oct 12:00 → Sun 1 Nov 12:00 local: the weekend, 0; not resolved.
      {
        idx: 1,
        teamId: TEAM,
        createdAt: at('2026-10-31T09:00:00Z'),
        firstResponseAt: at('2026-11-01T09:00:00Z'),
        resolvedAt: null,
      },
      // A team without a calendar: left out (its columns stay NULL, read as calendar time).
      {
        idx: 2,
        teamId: OTHER,
        createdAt: at('2026-10-31T09:00:00Z'),
        firstResponseAt: at('2026-11-01T09:00:00Z'),
        resolvedAt: null,
      },
    ]);
    expect([...times.entries()]).toEqual([
      [0, [7_200_000, 12_615_000]],
      [1, [0, null]],
    ]);
  });

  it('lets other work run while a contact spanning decades has its zone changes looked up', async () => {
    // São Paulo changed its DST rules often in 1900–1940: thirty years to search, about 200 ms of work.
    const saoPaulo = compileBusinessCalendar({ zone: 'America/Sao_Paulo', weekly: { monday: WEEKDAY } });
    const row = {
      idx: 7,
      teamId: TEAM,
      createdAt: at('1905-01-02T12:00:00Z'),
      firstResponseAt: at('1935-01-07T12:00:00Z'),
      resolvedAt: null,
    };
    let ranBetween = false;
    setImmediate(() => (ranBetween = true));
    const times = await businessTimes(new Map([[TEAM, saoPaulo]]), [row]);
    expect(ranBetween).toBe(true);
    expect(times.get(7)).toEqual([businessMilliseconds(saoPaulo, row.createdAt, row.firstResponseAt), null]);
  });
});
