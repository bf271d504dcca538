import { describe, expect, it } from 'vitest';
import { GAP_BANDS, gapBand, gapColor, heatmapGrid, IDLE_COLOR } from './heatmap-scale';

describe('staffing heatmap colour scale', () => {
  it('puts each gap in its band: short in reds, over in blues, within half an agent neutral', () => {
    expect([-5, -2.01, -2, -0.6, -0.5, 0, 0.5, 0.6, 2, 2.1, 9].map((gap) => gapBand(gap, 4, 4 + gap))).toEqual([
      0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4,
    ]);
    expect(gapColor(-3, 5, 2)).toBe('#b2182b');
    expect(gapColor(3, 2, 5)).toBe('#2166ac');
  });

  it('greys out intervals with nothing required and nothing scheduled, but not a staffed quiet hour', () => {
    expect(gapBand(0, 0, 0)).toBeNull();
    expect(gapColor(0, 0, 0)).toBe(IDLE_COLOR);
    expect(gapBand(1, 0, 1)).toBe(3);
  });

  it('has bands that cover every gap once, in order', () => {
    for (let gap = -10; gap <= 10; gap += 0.25) {
      const matching = GAP_BANDS.filter((b) => (b.min === null || gap >= b.min) && (b.max === null || gap <= b.max));
      expect({ gap, bands: matching.length }).toEqual({ gap, bands: 1 });
    }
  });

  it('lays intervals out by local day and time of day in the team’s zone', () => {
    const grid = heatmapGrid(
      [
        { startsAt: '2026-03-23T07:00:00Z', requiredAgents: 3, scheduledAgents: 1, gap: -2 },
        { startsAt: '2026-03-23T07:30:00Z', requiredAgents: 3, scheduledAgents: 3, gap: 0 },
        { startsAt: '2026-03-24T07:00:00Z', requiredAgents: 2, scheduledAgents: 5, gap: 3 },
      ],
      'Europe/Istanbul',
    );
    expect(grid.days).toEqual(['2026-03-23', '2026-03-24']);
    expect(grid.times).toEqual(['10:00', '10:30']);
    expect(grid.cells.map((c) => [c.x, c.y, c.color])).toEqual([
      [0, 0, '#ef8a62'],
      [1, 0, '#f7f7f7'],
      [0, 1, '#2166ac'],
    ]);
  });
});
