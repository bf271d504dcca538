import { Button, Card, Group, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { Channel } from '../../gql/graphql';
import { plannedFirst, useTeams } from '../../hooks/use-teams';
import { PageTitle } from '../../layout/shell';
import { startOfWeek } from './board/schedule-layout';
import { StaffingHeatmap } from './staffing/staffing-heatmap';

const RequirementsQuery = graphql(`
  query StaffingWeek($input: StaffingRequirementsInput!) {
    staffingRequirements(input: $input) {
      totals {
        requiredAgentHours
        scheduledAgentHours
        shortAgentHours
        intervalsShort
        projectedServiceLevel
      }
      intervals {
        startsAt
        requiredAgents
        scheduledAgents
        gap
        projectedServiceLevel
      }
    }
  }
`);

/** Coordinators: required against scheduled agents per half hour for a team-week, as a heatmap. */
export function StaffingPage() {
  const { t, i18n } = useTranslation();
  const session = useSession()!;
  const { teams, fetching, error } = useTeams();
  const ordered = plannedFirst(teams, session.user.id);
  const [teamId, setTeamId] = useState<string | null>(null);
  const team = ordered.find((x) => x.id === teamId) ?? ordered[0];
  const [channelChoice, setChannel] = useState<Channel | null>(null);
  const channel = (channelChoice && team?.channels.includes(channelChoice) ? channelChoice : team?.channels[0]) as
    Channel | undefined;
  const [weekOffset, setWeekOffset] = useState(0);
  const [asTable, setAsTable] = useState(false);
  const zone = team?.timeZone ?? 'UTC';
  const weekStart = startOfWeek(DateTime.now(), zone).plus({ weeks: weekOffset });
  const [result] = useQuery({
    query: RequirementsQuery,
    variables: {
      input: {
        teamId: team?.id ?? '',
        channel: channel ?? 'PHONE',
        from: weekStart.toISO()!,
        to: weekStart.plus({ weeks: 1 }).toISO()!,
        intervalMinutes: 30,
        shrinkage: 0.1,
      },
    },
    pause: !team || !channel,
  });
  const data = result.data?.staffingRequirements;
  const number = (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined
      ? '—'
      : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);
  const busy = data?.intervals.some((i) => i.requiredAgents > 0 || i.scheduledAgents > 0);

  return (
    <Stack>
      <PageTitle>{t('staffing.title')}</PageTitle>
      <Group align="flex-end">
        <NativeSelect
          label={t('staffing.team')}
          value={team?.id ?? ''}
          onChange={(e) => setTeamId(e.currentTarget.value)}
          data={ordered.map((x) => ({ value: x.id, label: `${x.name} (${x.timeZone})` }))}
        />
        <NativeSelect
          label={t('staffing.channel')}
          value={channel ?? ''}
          onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          data={(team?.channels ?? []).map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <Button variant="default" onClick={() => setWeekOffset(weekOffset - 1)} aria-label={t('staffing.previousWeek')}>
          ‹
        </Button>
        <Text fw={600}>
          {t('board.week', {
            from: weekStart.setLocale(i18n.language).toLocaleString(DateTime.DATE_MED),
            to: weekStart.plus({ days: 6 }).setLocale(i18n.language).toLocaleString(DateTime.DATE_MED),
          })}
        </Text>
        <Button variant="default" onClick={() => setWeekOffset(weekOffset + 1)} aria-label={t('staffing.nextWeek')}>
          ›
        </Button>
        <Switch label={t('staffing.asTable')} checked={asTable} onChange={(e) => setAsTable(e.currentTarget.checked)} />
      </Group>
      <QueryState
        fetching={fetching || result.fetching}
        error={error ?? result.error}
        empty={data ? !busy : undefined}
        emptyText={t('staffing.empty')}
      >
        {data && (
          <Card withBorder>
            <Text size="sm" mb="sm" data-testid="staffing-totals">
              {t('staffing.totals', {
                required: number(data.totals.requiredAgentHours),
                scheduled: number(data.totals.scheduledAgentHours),
                short: number(data.totals.shortAgentHours),
                intervals: data.totals.intervalsShort,
                sl:
                  data.totals.projectedServiceLevel === null || data.totals.projectedServiceLevel === undefined
                    ? '—'
                    : `${number(data.totals.projectedServiceLevel * 100, 0)} %`,
              })}
            </Text>
            <StaffingHeatmap intervals={data.intervals} zone={zone} asTable={asTable} />
          </Card>
        )}
      </QueryState>
    </Stack>
  );
}
