import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n';
import { ScheduleBoard, type BoardShift } from './schedule-board';
import { startOfWeek } from './schedule-layout';

const ZONE = 'Europe/Warsaw';
const week = startOfWeek(DateTime.fromISO('2026-03-25T12:00:00Z'), ZONE); // DST begins Sunday 29 March

const shift = (id: string, startsAt: string, endsAt: string, extra: Partial<BoardShift> = {}): BoardShift => ({
  id,
  agentId: 'a1',
  status: 'PUBLISHED',
  version: 1,
  startsAt,
  endsAt,
  activities: [],
  ...extra,
});

function renderBoard(shifts: BoardShift[], violations: { rule: string; message: string; shiftIds: string[] }[] = []) {
  void i18n.changeLanguage('en');
  render(
    <MantineProvider>
      <ScheduleBoard
        agents={[{ id: 'a1', name: 'Zofia Nowak' }]}
        shifts={shifts}
        violations={violations}
        weekStart={week}
        zone={ZONE}
      />
    </MantineProvider>,
  );
}

const percent = (value: string) => Number(value.replace(/calc\(|%.*$/g, ''));

describe('ScheduleBoard across the start of daylight saving time', () => {
  it('draws Saturday’s and Sunday’s 09:00–17:30 shifts at the same place of their day and the same width', () => {
    renderBoard([
      shift('sat', '2026-03-28T08:00:00Z', '2026-03-28T16:30:00Z'),
      shift('sun', '2026-03-29T07:00:00Z', '2026-03-29T15:30:00Z'),
    ]);
    const saturday = screen.getByTestId('shift-sat');
    const sunday = screen.getByTestId('shift-sun');
    const dayWidth = 100 / 7;
    expect(percent(saturday.style.left)).toBeCloseTo(5 * dayWidth + (9 / 24) * dayWidth, 6);
    expect(percent(sunday.style.left)).toBeCloseTo(6 * dayWidth + (9 / 24) * dayWidth, 6);
    expect(percent(sunday.style.width)).toBeCloseTo(percent(saturday.style.width), 6);
    expect(sunday.textContent).toContain('9:00–17:30');
    expect(saturday.textContent).toContain('9:00–17:30');
  });

  it('draws the breaks inside their shift, marks a draft dashed and a shift with a violation in red', () => {
    renderBoard(
      [
        shift('draft', '2026-03-23T08:00:00Z', '2026-03-23T16:00:00Z', {
          status: 'DRAFT',
          activities: [{ id: 'l', type: 'LUNCH', startsAt: '2026-03-23T12:00:00Z', endsAt: '2026-03-23T12:30:00Z' }],
        }),
      ],
      [{ rule: 'SHIFT_LENGTH', message: 'Shift of 8 h is longer than 7 h.', shiftIds: ['draft'] }],
    );
    const bar = screen.getByTestId('shift-draft');
    expect(bar.style.border).toBe('2px dashed rgb(201, 42, 42)');
    expect(screen.getByTestId('shift-bar-draft').getAttribute('aria-label')).toContain(
      'Shift of 8 h is longer than 7 h.',
    );
    const lunch = screen.getByTitle('Lunch');
    expect(percent(lunch.style.left)).toBeCloseTo(50, 6);
    expect(percent(lunch.style.width)).toBeCloseTo(6.25, 6);
  });

  it('leaves out shifts of other weeks', () => {
    renderBoard([shift('next', '2026-03-30T07:00:00Z', '2026-03-30T15:00:00Z')]);
    expect(screen.queryByTestId('shift-next')).toBeNull();
  });
});
