import { Card, SegmentedControl, Stack, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { EChart, type ChartOption } from '../../components/echart';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { TrainingReportGroupBy } from '../../gql/graphql';
import { PageTitle } from '../../layout/shell';

const ReportQuery = graphql(`
  query CompletionReport($input: TrainingCompletionReportInput!) {
    trainingCompletionReport(input: $input) {
      groupId
      name
      assigned
      completed
      waived
      open
      overdue
      completionRate
    }
  }
`);

/** Trainers and directors: completion and overdue by team, path or module. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [groupBy, setGroupBy] = useState<TrainingReportGroupBy>('TEAM');
  const [result] = useQuery({ query: ReportQuery, variables: { input: { groupBy } } });
  const rows = useMemo(() => result.data?.trainingCompletionReport ?? [], [result.data]);
  const percent = (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 }).format(v * 100)} %`;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 160, right: 20, top: 30, bottom: 20 },
      yAxis: { type: 'category', data: rows.map((r) => r.name ?? '—'), inverse: true },
      xAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          stack: 'all',
          name: t('reports.completed'),
          data: rows.map((r) => r.completed),
          itemStyle: { color: '#2b8a3e' },
        },
        {
          type: 'bar',
          stack: 'all',
          name: t('reports.openNotOverdue'),
          data: rows.map((r) => r.open - r.overdue),
          itemStyle: { color: '#74c0fc' },
        },
        {
          type: 'bar',
          stack: 'all',
          name: t('reports.overdue'),
          data: rows.map((r) => r.overdue),
          itemStyle: { color: '#c92a2a' },
        },
      ],
    }),
    [rows, t],
  );
  return (
    <Stack>
      <PageTitle>{t('reports.title')}</PageTitle>
      <SegmentedControl
        aria-label={t('reports.groupBy')}
        value={groupBy}
        onChange={(v) => setGroupBy(v as TrainingReportGroupBy)}
        data={(['TEAM', 'PATH', 'MODULE'] as const).map((g) => ({ value: g, label: t(`reports.by.${g}`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? rows.length === 0 : undefined}
        emptyText={t('reports.empty')}
      >
        <Card withBorder>
          <EChart option={option} height={Math.max(160, rows.length * 40 + 60)} label={t('reports.chartLabel')} />
        </Card>
        <Table striped data-testid="completion-report">
          <Table.Thead>
            <Table.Tr>
              {['name', 'assigned', 'completed', 'waived', 'open', 'overdue', 'rate'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`reports.col.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.groupId ?? 'none'}>
                <Table.Th scope="row">{r.name ?? t('reports.outsidePaths')}</Table.Th>
                <Table.Td>{r.assigned}</Table.Td>
                <Table.Td>{r.completed}</Table.Td>
                <Table.Td>{r.waived}</Table.Td>
                <Table.Td>{r.open}</Table.Td>
                <Table.Td>{r.overdue}</Table.Td>
                <Table.Td>{percent(r.completionRate)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
