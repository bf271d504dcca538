import { Box, Group, Table, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../../../components/echart';
import { GAP_BANDS, gapBand, heatmapGrid, IDLE_COLOR, type HeatmapInterval } from './heatmap-scale';

interface StaffingHeatmapProps {
  intervals: HeatmapInterval[];
  zone: string;
  /** Show the data as a table (the accessible alternative to the chart, and what the tests read). */
  asTable?: boolean;
}

/** Required against scheduled agents per interval: days as rows, times of day as columns, coloured by the gap. */
export function StaffingHeatmap({ intervals, zone, asTable = false }: StaffingHeatmapProps) {
  const { t, i18n } = useTranslation();
  const grid = useMemo(() => heatmapGrid(intervals, zone), [intervals, zone]);
  const number = (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined
      ? '—'
      : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);
  const dayLabel = (iso: string) =>
    DateTime.fromISO(iso, { zone })
      .setLocale(i18n.language)
      .toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' });
  const describe = (i: HeatmapInterval) =>
    t('staffing.cell', {
      required: i.requiredAgents,
      scheduled: number(i.scheduledAgents),
      gap: number(i.gap),
      sl:
        i.projectedServiceLevel === null || i.projectedServiceLevel === undefined
          ? '—'
          : `${number(i.projectedServiceLevel * 100, 0)} %`,
    });

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        formatter: (p: { data: { interval: HeatmapInterval }; value: [number, number, number] }) =>
          `${dayLabel(grid.days[p.value[1]]!)} ${grid.times[p.value[0]]}<br/>${describe(p.data.interval)}`,
      },
      grid: { left: 90, right: 16, top: 10, bottom: 40 },
      xAxis: { type: 'category', data: grid.times, splitArea: { show: true } },
      yAxis: { type: 'category', data: grid.days.map(dayLabel), inverse: true },
      // ECharts colours a heatmap through a visualMap: one piece per band of the tested scale (value 3 of
      // each cell is its band; 5 = idle), hidden because the legend below explains the colours.
      visualMap: {
        show: false,
        type: 'piecewise',
        dimension: 3,
        pieces: [...GAP_BANDS.map((band, i) => ({ value: i, color: band.color })), { value: 5, color: IDLE_COLOR }],
      },
      series: [
        {
          type: 'heatmap',
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          data: grid.cells.map((c) => ({
            value: [
              c.x,
              c.y,
              c.interval.gap,
              gapBand(c.interval.gap, c.interval.requiredAgents, c.interval.scheduledAgents) ?? 5,
            ],
            interval: c.interval,
          })),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- dayLabel and describe follow the language
    [grid, i18n.language],
  );

  return (
    <Box>
      {asTable ? (
        <Table.ScrollContainer minWidth={800}>
          <Table data-testid="heatmap-table" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staffing.day')}</Table.Th>
                {grid.times.map((time) => (
                  <Table.Th key={time} scope="col">
                    {time}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grid.days.map((day, y) => (
                <Table.Tr key={day}>
                  <Table.Th scope="row">{dayLabel(day)}</Table.Th>
                  {grid.times.map((time, x) => {
                    const cell = grid.cells.find((c) => c.x === x && c.y === y);
                    return (
                      <Table.Td
                        key={time}
                        style={{ background: cell?.color ?? IDLE_COLOR, color: '#000' }}
                        title={cell ? describe(cell.interval) : undefined}
                        data-gap={cell?.interval.gap}
                      >
                        {cell ? number(cell.interval.gap) : ''}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <EChart option={option} height={Math.max(220, grid.days.length * 36 + 60)} label={t('staffing.chartLabel')} />
      )}
      <Group gap="md" mt="xs" data-testid="heatmap-legend">
        {GAP_BANDS.map((band) => (
          <Group key={band.label} gap={4}>
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 14,
                height: 14,
                background: band.color,
                border: '1px solid #868e96',
              }}
            />
            <Text size="xs">{t(band.label)}</Text>
          </Group>
        ))}
        <Group gap={4}>
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              background: IDLE_COLOR,
              border: '1px solid #868e96',
            }}
          />
          <Text size="xs">{t('staffing.band.idle')}</Text>
        </Group>
      </Group>
    </Box>
  );
}
