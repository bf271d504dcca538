import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { Channel } from '../../gql/graphql';
import { formatKpi } from '../../kpi/kpi-format';
import { useTeams } from '../../hooks/use-teams';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';

const ContactsQuery = graphql(`
  query Contacts($input: InteractionsInput!, $after: String) {
    interactions(input: $input, first: 50, after: $after) {
      totalCount
      edges {
        node {
          id
          externalId
          channel
          category
          status
          createdAt
          firstResponseSeconds
          resolutionSeconds
          waitSeconds
          abandoned
          csat
          team {
            name
          }
          agent {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Every channel, in the filter's order (a record, so that a new channel fails the type check until it is listed). */
const CHANNEL_ORDER: Record<Channel, number> = {
  PHONE: 0,
  CHAT: 1,
  MESSAGING: 2,
  EMAIL: 3,
  WEB: 4,
  API: 5,
  SOCIAL: 6,
  VOICEMAIL: 7,
};
const CHANNELS = (Object.keys(CHANNEL_ORDER) as Channel[]).sort((a, b) => CHANNEL_ORDER[a] - CHANNEL_ORDER[b]);

/** The contacts behind a dashboard figure: same window and team, paged with "load more". */
export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const zone = viewerZone();
  const [params, setParams] = useSearchParams();
  const { teams } = useTeams();
  const to = params.get('to') ?? DateTime.now().setZone(zone).startOf('day').plus({ days: 1 }).toISO()!;
  const from = params.get('from') ?? DateTime.fromISO(to).minus({ days: 28 }).toISO()!;
  const teamId = params.get('team');
  const channel = params.get('channel') as Channel | null;
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const input = useMemo(
    () => ({
      from,
      to,
      filter: { ...(teamId ? { teamIds: [teamId] } : {}), ...(channel ? { channels: [channel] } : {}) },
    }),
    [from, to, teamId, channel],
  );
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setPages([null]);
    setParams(next);
  };
  const teamName = teams.find((t) => t.id === teamId)?.name;

  return (
    <Stack>
      <PageTitle>{t('contacts.title')}</PageTitle>
      <Text size="sm">
        {t('contacts.window', {
          from: DateTime.fromISO(from).setZone(zone).toLocaleString(DateTime.DATE_MED),
          to: DateTime.fromISO(to).setZone(zone).minus({ days: 1 }).toLocaleString(DateTime.DATE_MED),
        })}
        {teamName ? ` · ${teamName}` : ''} ·{' '}
        <Anchor component={Link} to="/dashboard">
          {t('contacts.back')}
        </Anchor>
      </Text>
      <Group>
        <NativeSelect
          label={t('contacts.team')}
          value={teamId ?? ''}
          onChange={(e) => set('team', e.currentTarget.value)}
          data={[
            { value: '', label: t('contacts.allTeams') },
            ...teams.map((team) => ({ value: team.id, label: team.name })),
          ]}
        />
        <NativeSelect
          label={t('contacts.channel')}
          value={channel ?? ''}
          onChange={(e) => set('channel', e.currentTarget.value)}
          data={[
            { value: '', label: t('contacts.allChannels') },
            ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
          ]}
        />
      </Group>
      {pages.map((after, i) => (
        <ContactsPageChunk
          key={after ?? 'first'}
          input={input}
          after={after}
          first={i === 0}
          last={i === pages.length - 1}
          onMore={(cursor) => setPages([...pages, cursor])}
          zone={zone}
          language={i18n.language}
        />
      ))}
    </Stack>
  );
}

interface ChunkProps {
  input: { from: string; to: string; filter: { teamIds?: string[]; channels?: Channel[] } };
  after: string | null;
  first: boolean;
  last: boolean;
  onMore: (cursor: string) => void;
  zone: string;
  language: string;
}

function ContactsPageChunk({ input, after, first, last, onMore, zone, language }: ChunkProps) {
  const { t } = useTranslation();
  const [result] = useQuery({ query: ContactsQuery, variables: { input, after } });
  const connection = result.data?.interactions;
  return (
    <QueryState
      fetching={result.fetching}
      error={result.error}
      empty={connection ? connection.edges.length === 0 && first : undefined}
      emptyText={t('contacts.empty')}
    >
      {first && connection && (
        <Text size="sm" data-testid="contacts-total">
          {t('contacts.total', {
            count: connection.totalCount,
            n: new Intl.NumberFormat(language).format(connection.totalCount),
          })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped data-testid="contacts-table">
          {first && (
            <Table.Thead>
              <Table.Tr>
                {[
                  'created',
                  'team',
                  'agent',
                  'channel',
                  'category',
                  'status',
                  'firstResponse',
                  'resolution',
                  'wait',
                  'csat',
                ].map((c) => (
                  <Table.Th key={c} scope="col">
                    {t(`contacts.col.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
          )}
          <Table.Tbody>
            {connection?.edges.map(({ node }) => (
              <Table.Tr key={node.id}>
                <Table.Td>{formatDateTime(node.createdAt, zone)}</Table.Td>
                <Table.Td>{node.team.name}</Table.Td>
                <Table.Td>{node.agent?.name ?? '—'}</Table.Td>
                <Table.Td>{t(`channel.${node.channel}`)}</Table.Td>
                <Table.Td>{node.category ?? '—'}</Table.Td>
                <Table.Td>
                  {node.abandoned ? (
                    <Badge color="red" variant="light">
                      {t('contacts.abandoned')}
                    </Badge>
                  ) : (
                    t(`contacts.status.${node.status}`)
                  )}
                </Table.Td>
                <Table.Td>{formatKpi(node.firstResponseSeconds, 'SECONDS', language)}</Table.Td>
                <Table.Td>{formatKpi(node.resolutionSeconds, 'SECONDS', language)}</Table.Td>
                <Table.Td>{formatKpi(node.waitSeconds, 'SECONDS', language)}</Table.Td>
                <Table.Td>{node.csat ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {last && connection?.pageInfo.hasNextPage && (
        <Button
          variant="default"
          onClick={() => onMore(connection.pageInfo.endCursor!)}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('contacts.more')}
        </Button>
      )}
    </QueryState>
  );
}
