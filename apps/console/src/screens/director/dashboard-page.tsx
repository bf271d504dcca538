import {
  Anchor,
  Badge,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { EChart, type ChartOption } from '../../components/echart';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { KpiMetric, KpiUnit } from '../../gql/graphql';
import { changeIsGood, DASHBOARD_METRICS, formatKpi, STATUS_COLOR } from '../../kpi/kpi-format';
import { CsvDownload } from '../../components/csv-download';
import { PageTitle } from '../../layout/shell';
import { viewerZone } from '../../time/format';

const DashboardQuery = graphql(`
  query Dashboard($current: KpisInput!, $previous: KpisInput!, $trend: KpisInput!, $status: KpiAlertsInput!) {
    current: kpis(input: $current) {
      rows {
        group {
          team {
            id
            name
          }
        }
        values {
          metric
          value
          unit
          sampleSize
        }
      }
    }
    previous: kpis(input: $previous) {
      rows {
        group {
          team {
            id
          }
        }
        values {
          metric
          value
        }
      }
    }
    trend: kpis(input: $trend) {
      rows {
        group {
          team {
            id
            name
          }
          period {
            start
            label
          }
        }
        values {
          metric
          value
          unit
        }
      }
    }
    kpiTargetStatus(input: $status) {
      metric
      status
      value
      team {
        id
        name
      }
      target {
        id
        value
        unit
        comparison
        team {
          id
        }
      }
    }
    kpiAlerts(input: $status) {
      metric
      status
      value
      team {
        id
        name
      }
      target {
        id
        value
        unit
      }
      causes {
        value
        agent {
          name
        }
        channel
      }
    }
  }
`);

const PERIODS = ['7', '28', '91'] as const;

/** Directors: teams side by side for a period against the one before, trends with targets, status and alerts. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const zone = viewerZone();
  const [days, setDays] = useState<(typeof PERIODS)[number]>('28');
  const [metric, setMetric] = useState<KpiMetric>('CSAT');
  const window = useMemo(() => {
    const to = DateTime.now().setZone(zone).startOf('day').plus({ days: 1 });
    const from = to.minus({ days: Number(days) });
    return { from, to, previousFrom: from.minus({ days: Number(days) }) };
  }, [days, zone]);
  const variables = useMemo(() => {
    const iso = (d: DateTime) => d.toISO()!;
    const base = { timeZone: zone, groupBy: ['TEAM' as const] };
    return {
      current: { ...base, from: iso(window.from), to: iso(window.to), metrics: DASHBOARD_METRICS },
      previous: { ...base, from: iso(window.previousFrom), to: iso(window.from), metrics: DASHBOARD_METRICS },
      trend: {
        timeZone: zone,
        groupBy: ['TEAM' as const, 'WEEK' as const],
        from: iso(window.to.minus({ weeks: 8 }).startOf('week')),
        to: iso(window.to),
        metrics: [metric],
      },
      status: { from: iso(window.from), to: iso(window.to), timeZone: zone, includeAtRisk: true },
    };
  }, [window, zone, metric]);
  const [result] = useQuery({ query: DashboardQuery, variables });
  const data = result.data;

  const teams = data?.current.rows.flatMap((r) => (r.group.team ? [r.group.team] : [])) ?? [];
  const value = (
    rows:
      { group: { team?: { id: string } | null }; values: { metric: KpiMetric; value?: number | null }[] }[] | undefined,
    teamId: string,
    m: KpiMetric,
  ) => rows?.find((r) => r.group.team?.id === teamId)?.values.find((v) => v.metric === m)?.value ?? null;
  const unitOf = (m: KpiMetric): KpiUnit => data?.current.rows[0]?.values.find((v) => v.metric === m)?.unit ?? 'COUNT';
  const drill = (teamId?: string) => {
    const params = new URLSearchParams({ from: window.from.toISO()!, to: window.to.toISO()! });
    if (teamId) params.set('team', teamId);
    return `/contacts?${params.toString()}`;
  };

  const trendOption = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const periods = [
      ...new Map(
        data.trend.rows.filter((r) => r.group.period).map((r) => [r.group.period!.start, r.group.period!.label]),
      ).entries(),
    ].sort();
    const byTeam = new Map<string, { name: string; values: Map<string, number | null> }>();
    for (const row of data.trend.rows) {
      const team = row.group.team;
      if (!team || !row.group.period) continue;
      const entry = byTeam.get(team.id) ?? { name: team.name, values: new Map() };
      entry.values.set(row.group.period.start, row.values[0]?.value ?? null);
      byTeam.set(team.id, entry);
    }
    const unit = data.trend.rows[0]?.values[0]?.unit ?? 'COUNT';
    const targets = data.kpiTargetStatus.filter((s) => s.metric === metric);
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => formatKpi(typeof v === 'number' ? v : null, unit, i18n.language),
      },
      legend: { top: 0 },
      grid: { left: 60, right: 24, top: 36, bottom: 30 },
      xAxis: {
        type: 'category',
        data: periods.map(([start]) =>
          DateTime.fromISO(start).setZone(zone).toLocaleString({ day: 'numeric', month: 'short' }),
        ),
      },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatKpi(v, unit, i18n.language) } },
      series: [...byTeam.entries()].map(([teamId, entry]) => {
        const target = targets.find((s) => s.team?.id === teamId)?.target;
        return {
          type: 'line',
          name: entry.name,
          connectNulls: true,
          data: periods.map(([start]) => entry.values.get(start) ?? null),
          markLine: target
            ? {
                symbol: 'none',
                label: {
                  position: 'insideEndTop',
                  formatter: `${t('dashboard.target')} ${formatKpi(target.value, unit, i18n.language)}`,
                },
                lineStyle: { type: 'dashed' },
                data: [{ yAxis: target.value }],
              }
            : undefined,
        };
      }),
    };
  }, [data, metric, zone, i18n.language, t]);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('dashboard.title')}</PageTitle>
        <Group align="flex-end">
          <CsvDownload
            path="kpis.csv"
            params={variables.current}
            fileName={`kpis-${window.from.toISODate()}-${window.to.minus({ days: 1 }).toISODate()}.csv`}
          />
          <SegmentedControl
            aria-label={t('dashboard.period')}
            value={days}
            onChange={(v) => setDays(v as (typeof PERIODS)[number])}
            data={PERIODS.map((p) => ({ value: p, label: t('dashboard.lastDays', { count: Number(p) }) }))}
          />
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('dashboard.window', {
          from: window.from.toLocaleString(DateTime.DATE_MED),
          to: window.to.minus({ days: 1 }).toLocaleString(DateTime.DATE_MED),
          zone,
        })}
      </Text>
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={data ? teams.length === 0 : undefined}
        emptyText={t('dashboard.empty')}
      >
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('dashboard.teams')}
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table striped highlightOnHover data-testid="kpi-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.metric')}</Table.Th>
                  {teams.map((team) => (
                    <Table.Th key={team.id} scope="col">
                      {team.name}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {DASHBOARD_METRICS.map((m) => (
                  <Table.Tr key={m}>
                    <Table.Th scope="row">{t(`metric.${m}`)}</Table.Th>
                    {teams.map((team) => {
                      const now = value(data?.current.rows, team.id, m);
                      const before = value(data?.previous.rows, team.id, m);
                      const good = changeIsGood(m, now, before);
                      const status = data?.kpiTargetStatus.find((s) => s.metric === m && s.team?.id === team.id);
                      return (
                        <Table.Td key={team.id}>
                          <Group gap={6} wrap="nowrap">
                            <Anchor
                              component={Link}
                              to={drill(team.id)}
                              aria-label={t('dashboard.drill', { metric: t(`metric.${m}`), team: team.name })}
                            >
                              {formatKpi(now, unitOf(m), i18n.language)}
                            </Anchor>
                            {good !== null && (
                              <Text
                                span
                                size="xs"
                                c={good ? '#1e6b2e' : '#a61e1e'}
                                title={t('dashboard.previous', { value: formatKpi(before, unitOf(m), i18n.language) })}
                              >
                                {now! > before! ? '▲' : '▼'} {formatKpi(before, unitOf(m), i18n.language)}
                              </Text>
                            )}
                            {status && (
                              <Badge size="xs" color={STATUS_COLOR[status.status]} variant="light">
                                {t(`status.${status.status}`)}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t('dashboard.trend')}
              </Title>
              <NativeSelect
                aria-label={t('dashboard.metric')}
                value={metric}
                onChange={(e) => setMetric(e.currentTarget.value as KpiMetric)}
                data={DASHBOARD_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
              />
            </Group>
            {trendOption && (
              <EChart
                option={trendOption}
                height={300}
                label={t('dashboard.trendOf', { metric: t(`metric.${metric}`) })}
              />
            )}
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('dashboard.alerts')}
            </Title>
            {data && data.kpiAlerts.length === 0 && <Text c="dimmed">{t('dashboard.noAlerts')}</Text>}
            <Stack gap="xs" data-testid="kpi-alerts">
              {data?.kpiAlerts.map((alert) => (
                <Card key={`${alert.target.id}-${alert.team?.id}`} withBorder padding="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {alert.team?.name}: {t(`metric.${alert.metric}`)}{' '}
                      {formatKpi(alert.value, alert.target.unit, i18n.language)} ({t('dashboard.target')}{' '}
                      {formatKpi(alert.target.value, alert.target.unit, i18n.language)})
                    </Text>
                    <Badge color={STATUS_COLOR[alert.status]}>{t(`status.${alert.status}`)}</Badge>
                  </Group>
                  {alert.causes.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('dashboard.causes')}:{' '}
                      {alert.causes
                        .map(
                          (c) =>
                            `${c.agent?.name ?? c.channel ?? ''} ${formatKpi(c.value, alert.target.unit, i18n.language)}`,
                        )
                        .join(', ')}
                    </Text>
                  )}
                  <Anchor component={Link} to={drill(alert.team?.id)} size="xs">
                    {t('dashboard.seeContacts')}
                  </Anchor>
                </Card>
              ))}
            </Stack>
          </Card>
        </SimpleGrid>
      </QueryState>
    </Stack>
  );
}
