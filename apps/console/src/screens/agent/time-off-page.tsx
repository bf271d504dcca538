import { Badge, Button, Card, Group, NativeSelect, Stack, Table, TextInput, Title } from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { TimeOffType } from '../../gql/graphql';
import { useMyAgent } from '../../hooks/use-me';
import { PageTitle } from '../../layout/shell';
import { formatSpan } from '../../time/format';
import { type Outcome, OutcomeAlert } from '../../components/outcome-alert';

const MyTimeOffQuery = graphql(`
  query MyTimeOff {
    timeOffRequests(first: 100) {
      edges {
        node {
          id
          type
          status
          startsAt
          endsAt
          note
          decisionReason
        }
      }
    }
  }
`);

const RequestMutation = graphql(`
  mutation RequestTimeOff($input: RequestTimeOffInput!) {
    requestTimeOff(input: $input) {
      request {
        id
        status
      }
    }
  }
`);

const CancelMutation = graphql(`
  mutation CancelTimeOff($input: CancelTimeOffInput!) {
    cancelTimeOff(input: $input) {
      request {
        id
        status
      }
    }
  }
`);

const TYPES: TimeOffType[] = ['VACATION', 'PERSONAL', 'SICK', 'TRAINING'];
const STATUS_COLOR: Record<string, string> = { PENDING: 'yellow', APPROVED: 'green', DENIED: 'red', CANCELLED: 'gray' };

/** Agents: ask for whole days off (in their team's zone), see the answers, withdraw a pending request. */
export function TimeOffPage() {
  const { t } = useTranslation();
  const me = useMyAgent();
  const [result, refetch] = useQuery({ query: MyTimeOffQuery });
  const [, request] = useMutation(RequestMutation);
  const [, cancel] = useMutation(CancelMutation);
  const tomorrow = DateTime.now().setZone(me.zone).plus({ days: 1 }).toISODate()!;
  const [type, setType] = useState<TimeOffType>('VACATION');
  const [firstDay, setFirstDay] = useState(tomorrow);
  const [lastDay, setLastDay] = useState(tomorrow);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const requests = result.data?.timeOffRequests.edges.map((e) => e.node) ?? [];
  const start = DateTime.fromISO(firstDay, { zone: me.zone });
  const end = DateTime.fromISO(lastDay, { zone: me.zone }).plus({ days: 1 });
  const valid = start.isValid && end.isValid && end > start;

  async function submit() {
    const r = await request({
      input: { type, startsAt: start.toISO()!, endsAt: end.toISO()!, ...(note ? { note } : {}) },
    });
    if (r.error) {
      const duplicate = r.error.graphQLErrors[0]?.extensions?.['rule'] === 'DUPLICATE_REQUEST';
      setMessage({ ok: false, text: duplicate ? t('timeOff.duplicate') : (errorMessage(r.error) ?? '') });
    } else {
      setMessage({ ok: true, text: t('timeOff.sent') });
      setNote('');
    }
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Stack>
      <PageTitle>{t('timeOff.title')}</PageTitle>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('timeOff.new')}
        </Title>
        <Group align="flex-end">
          <NativeSelect
            label={t('timeOff.type')}
            value={type}
            onChange={(e) => setType(e.currentTarget.value as TimeOffType)}
            data={TYPES.map((x) => ({ value: x, label: t(`timeOffType.${x}`) }))}
          />
          <TextInput
            type="date"
            label={t('timeOff.firstDay')}
            value={firstDay}
            onChange={(e) => setFirstDay(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('timeOff.lastDay')}
            value={lastDay}
            onChange={(e) => setLastDay(e.currentTarget.value)}
          />
          <TextInput label={t('timeOff.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button onClick={submit} disabled={!valid || !me.agent}>
            {t('timeOff.submit')}
          </Button>
        </Group>
      </Card>
      <OutcomeAlert outcome={message} onClose={() => setMessage(null)} testId="time-off-message" />
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? requests.length === 0 : undefined}
        emptyText={t('timeOff.empty')}
      >
        <Table data-testid="my-time-off">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('timeOff.type')}</Table.Th>
              <Table.Th scope="col">{t('inbox.when')}</Table.Th>
              <Table.Th scope="col">{t('timeOff.status')}</Table.Th>
              <Table.Th scope="col">{t('timeOff.note')}</Table.Th>
              <Table.Th scope="col">
                <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                  {t('inbox.actions')}
                </span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requests.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{t(`timeOffType.${r.type}`)}</Table.Td>
                <Table.Td>{formatSpan(r.startsAt, r.endsAt, me.zone)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[r.status]} variant="light">
                    {t(`timeOffStatus.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.decisionReason ?? r.note ?? ''}</Table.Td>
                <Table.Td>
                  {r.status === 'PENDING' && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={async () => {
                        const c = await cancel({ input: { requestId: r.id } });
                        setMessage(
                          c.error
                            ? { ok: false, text: errorMessage(c.error) ?? '' }
                            : { ok: true, text: t('timeOff.cancelled') },
                        );
                        refetch({ requestPolicy: 'network-only' });
                      }}
                    >
                      {t('timeOff.cancel')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
