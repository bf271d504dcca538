import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n';
import { StaffingHeatmap } from './staffing-heatmap';

function renderHeatmap() {
  void i18n.changeLanguage('en');
  return render(
    <MantineProvider>
      <StaffingHeatmap
        asTable
        zone="Asia/Baku"
        intervals={[
          {
            startsAt: '2026-03-23T05:00:00Z',
            requiredAgents: 6,
            scheduledAgents: 2,
            gap: -4,
            projectedServiceLevel: 0.1,
          },
          {
            startsAt: '2026-03-23T05:30:00Z',
            requiredAgents: 4,
            scheduledAgents: 3,
            gap: -1,
            projectedServiceLevel: 0.5,
          },
          {
            startsAt: '2026-03-23T06:00:00Z',
            requiredAgents: 4,
            scheduledAgents: 4,
            gap: 0,
            projectedServiceLevel: 0.85,
          },
          {
            startsAt: '2026-03-24T05:00:00Z',
            requiredAgents: 2,
            scheduledAgents: 3.5,
            gap: 1.5,
            projectedServiceLevel: 0.99,
          },
          { startsAt: '2026-03-24T05:30:00Z', requiredAgents: 1, scheduledAgents: 6, gap: 5, projectedServiceLevel: 1 },
          {
            startsAt: '2026-03-24T06:00:00Z',
            requiredAgents: 0,
            scheduledAgents: 0,
            gap: 0,
            projectedServiceLevel: null,
          },
        ]}
      />
    </MantineProvider>,
  );
}

describe('StaffingHeatmap', () => {
  it('lays the intervals out by day and local time in the team’s zone and colours each by its gap', () => {
    renderHeatmap();
    const table = screen.getByTestId('heatmap-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Day', '09:00', '09:30', '10:00']);
    const rows = within(table).getAllByRole('row').slice(1);
    const colours = rows.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.style.background),
    );
    expect(colours).toEqual([
      ['rgb(178, 24, 43)', 'rgb(239, 138, 98)', 'rgb(247, 247, 247)'],
      ['rgb(103, 169, 207)', 'rgb(33, 102, 172)', 'rgb(217, 217, 217)'],
    ]);
    expect(within(rows[0]!).getAllByRole('cell')[0]!.getAttribute('title')).toBe(
      'Required 6, scheduled 2, gap -4, projected service level 10 %',
    );
  });

  it('shows a legend for every band and for idle intervals', () => {
    renderHeatmap();
    const legend = screen.getByTestId('heatmap-legend');
    expect(legend.textContent).toContain('Short by more than 2');
    expect(legend.textContent).toContain('Within half an agent');
    expect(legend.textContent).toContain('Over by more than 2');
    expect(legend.textContent).toContain('Nothing needed or planned');
  });
});
