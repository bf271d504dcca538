import { Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useMyAgent } from '../../hooks/use-me';
import { formatKpi, STATUS_COLOR } from '../../kpi/kpi-format';
import { PageTitle } from '../../layout/shell';

const ScorecardQuery = graphql(`
  query Scorecard($input: AgentScorecardInput!) {
    agentScorecard(input: $input) {
      metrics {
        metric
        unit
        value
        teamValue
        target
        status
        rank
        rankedAgents
        sampleSize
      }
    }
  }
`);

/** Agents: every metric of theirs against the team's value and target, with their rank. */
export function ScorecardPage() {
  const { t, i18n } = useTranslation();
  const me = useMyAgent();
  const [days, setDays] = useState('28');
  const input = useMemo(() => {
    const to = DateTime.now().setZone(me.zone).startOf('day').plus({ days: 1 });
    return {
      agentId: me.agent?.id ?? '',
      from: to.minus({ days: Number(days) }).toISO()!,
      to: to.toISO()!,
      timeZone: me.zone,
    };
  }, [me.agent?.id, me.zone, days]);
  const [result] = useQuery({ query: ScorecardQuery, variables: { input }, pause: !me.agent });
  const metrics = (result.data?.agentScorecard.metrics ?? []).filter((m) => m.value !== null || m.teamValue !== null);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('scorecard.title')}</PageTitle>
        <SegmentedControl
          aria-label={t('dashboard.period')}
          value={days}
          onChange={setDays}
          data={['7', '28', '91'].map((p) => ({ value: p, label: t('dashboard.lastDays', { count: Number(p) }) }))}
        />
      </Group>
      <QueryState
        fetching={me.fetching || result.fetching}
        error={me.error ?? result.error}
        empty={me.loaded && !me.agent ? true : result.data ? metrics.length === 0 : undefined}
        emptyText={t('scorecard.empty')}
      >
        <Text size="sm" c="dimmed">
          {me.agent?.name} · {me.agent?.team.name}
        </Text>
        <Table striped data-testid="scorecard">
          <Table.Thead>
            <Table.Tr>
              {['metric', 'mine', 'team', 'target', 'rank'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`scorecard.col.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {metrics.map((m) => (
              <Table.Tr key={m.metric}>
                <Table.Th scope="row">{t(`metric.${m.metric}`)}</Table.Th>
                <Table.Td>{formatKpi(m.value, m.unit, i18n.language)}</Table.Td>
                <Table.Td>{formatKpi(m.teamValue, m.unit, i18n.language)}</Table.Td>
                <Table.Td>
                  {m.target === null || m.target === undefined ? '—' : formatKpi(m.target, m.unit, i18n.language)}{' '}
                  {m.status && (
                    <Badge size="xs" color={STATUS_COLOR[m.status]} variant="light">
                      {t(`status.${m.status}`)}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{m.rank ? t('scorecard.rank', { rank: m.rank, of: m.rankedAgents }) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
