import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useMyAgent } from '../../hooks/use-me';
import { PageTitle } from '../../layout/shell';
import { formatTime } from '../../time/format';

const MyScheduleQuery = graphql(`
  query MySchedule($from: DateTime!, $to: DateTime!) {
    mySchedule(from: $from, to: $to) {
      id
      startsAt
      endsAt
      channel
      workSeconds
      activities {
        id
        type
        startsAt
        endsAt
      }
    }
  }
`);

const WEEKS = 4;

/** Agents: published shifts for this week and the next three, in their team's zone. */
export function MySchedulePage() {
  const { t, i18n } = useTranslation();
  const me = useMyAgent();
  const from = useMemo(() => DateTime.now().setZone(me.zone).startOf('week'), [me.zone]);
  const [result] = useQuery({
    query: MyScheduleQuery,
    variables: { from: from.toISO()!, to: from.plus({ weeks: WEEKS }).toISO()! },
    pause: !me.agent,
  });
  const shifts = result.data?.mySchedule ?? [];
  const weeks = Array.from({ length: WEEKS }, (_, i) => from.plus({ weeks: i }));

  return (
    <Stack>
      <PageTitle>{t('mySchedule.title')}</PageTitle>
      <QueryState
        fetching={me.fetching || result.fetching}
        error={me.error ?? result.error}
        empty={me.loaded && !me.agent ? true : result.data ? shifts.length === 0 : undefined}
        emptyText={me.loaded && !me.agent ? t('mySchedule.noAgent') : t('mySchedule.empty')}
      >
        <Text size="sm" c="dimmed">
          {t('mySchedule.zone', { team: me.agent?.team.name, zone: me.zone })}
        </Text>
        {weeks.map((week) => {
          const inWeek = shifts.filter((s) => {
            const start = DateTime.fromISO(s.startsAt);
            return start >= week && start < week.plus({ weeks: 1 });
          });
          const hours = inWeek.reduce((sum, s) => sum + s.workSeconds / 3600, 0);
          return (
            <Card key={week.toISODate()} withBorder>
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  {t('board.week', {
                    from: week.setLocale(i18n.language).toLocaleString(DateTime.DATE_MED),
                    to: week.plus({ days: 6 }).setLocale(i18n.language).toLocaleString(DateTime.DATE_MED),
                  })}
                </Title>
                <Text size="sm">
                  {t('mySchedule.hours', {
                    hours: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(hours),
                  })}
                </Text>
              </Group>
              {inWeek.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('mySchedule.notPublished')}
                </Text>
              ) : (
                <Stack gap={4} data-testid="my-shifts">
                  {inWeek.map((s) => (
                    <Group key={s.id} gap="sm">
                      <Text size="sm" fw={600} w={140}>
                        {DateTime.fromISO(s.startsAt)
                          .setZone(me.zone)
                          .setLocale(i18n.language)
                          .toLocaleString({ weekday: 'long', day: 'numeric', month: 'short' })}
                      </Text>
                      <Text size="sm" w={130}>
                        {formatTime(s.startsAt, me.zone)}–{formatTime(s.endsAt, me.zone)}
                      </Text>
                      {s.channel && <Badge variant="light">{t(`channel.${s.channel}`)}</Badge>}
                      {s.activities.map((a) => (
                        <Badge key={a.id} variant="outline" color="gray.8">
                          {t(`activity.${a.type}`)} {formatTime(a.startsAt, me.zone)}
                        </Badge>
                      ))}
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          );
        })}
      </QueryState>
    </Stack>
  );
}
