import { Badge, Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useAgents } from '../../hooks/use-agents';
import { PageTitle } from '../../layout/shell';
import { formatSpan, viewerZone } from '../../time/format';
import { OutcomeAlert } from '../../components/outcome-alert';

const InboxQuery = graphql(`
  query Inbox {
    timeOffRequests(first: 100, filter: { status: PENDING }) {
      edges {
        node {
          id
          agentId
          type
          startsAt
          endsAt
          note
          createdAt
        }
      }
    }
    shiftSwaps(first: 100) {
      edges {
        node {
          id
          status
          note
          requesterName
          targetName
          createdAt
          shift {
            startsAt
            endsAt
            team {
              timeZone
            }
          }
          targetShift {
            startsAt
            endsAt
          }
        }
      }
    }
  }
`);

const ApproveMutation = graphql(`
  mutation ApproveTimeOff($input: ApproveTimeOffInput!) {
    approveTimeOff(input: $input) {
      request {
        id
        status
      }
      cancelledShiftIds
    }
  }
`);

const DenyMutation = graphql(`
  mutation DenyTimeOff($input: DenyTimeOffInput!) {
    denyTimeOff(input: $input) {
      request {
        id
        status
      }
    }
  }
`);

const DecideSwapMutation = graphql(`
  mutation DecideSwap($input: DecideShiftSwapInput!) {
    decideShiftSwap(input: $input) {
      swap {
        id
        status
      }
    }
  }
`);

/** Coordinators: pending time-off requests and swaps to approve or deny. */
export function InboxPage() {
  const { t } = useTranslation();
  const zone = viewerZone();
  const [result, refetch] = useQuery({ query: InboxQuery });
  const { byId } = useAgents();
  const [, approve] = useMutation(ApproveMutation);
  const [, deny] = useMutation(DenyMutation);
  const [, decide] = useMutation(DecideSwapMutation);
  const [cancelShifts, setCancelShifts] = useState(true);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const requests = result.data?.timeOffRequests.edges.map((e) => e.node) ?? [];
  const swaps =
    result.data?.shiftSwaps.edges
      .map((e) => e.node)
      .filter((s) => s.status === 'ACCEPTED' || s.status === 'PROPOSED') ?? [];
  const after = (r: { error?: Parameters<typeof errorMessage>[0] }) => {
    setError(r.error ? (errorMessage(r.error) ?? null) : null);
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Stack>
      <PageTitle>{t('inbox.title')}</PageTitle>
      <OutcomeAlert outcome={error === null ? null : { ok: false, text: error }} onClose={() => setError(null)} />
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? requests.length === 0 && swaps.length === 0 : undefined}
        emptyText={t('inbox.empty')}
      >
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('inbox.timeOff', { count: requests.length })}
          </Title>
          <Group mb="sm" align="flex-end">
            <Checkbox
              label={t('inbox.cancelShifts')}
              checked={cancelShifts}
              onChange={(e) => setCancelShifts(e.currentTarget.checked)}
            />
            <TextInput
              label={t('inbox.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              w={300}
            />
          </Group>
          {requests.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('inbox.noTimeOff')}
            </Text>
          ) : (
            <Table data-testid="time-off-inbox">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('inbox.agent')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.type')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.when')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.note')}</Table.Th>
                  <Table.Th scope="col">
                    <span
                      style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
                    >
                      {t('inbox.actions')}
                    </span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {requests.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{byId.get(r.agentId)?.name ?? r.agentId}</Table.Td>
                    <Table.Td>{t(`timeOffType.${r.type}`)}</Table.Td>
                    <Table.Td>{formatSpan(r.startsAt, r.endsAt, zone)}</Table.Td>
                    <Table.Td>{r.note ?? ''}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          color="#1e6b2e"
                          onClick={async () =>
                            after(
                              await approve({
                                input: {
                                  requestId: r.id,
                                  cancelCollidingShifts: cancelShifts,
                                  ...(reason ? { reason } : {}),
                                },
                              }),
                            )
                          }
                        >
                          {t('inbox.approve')}
                        </Button>
                        <Button
                          size="xs"
                          color="#a61e1e"
                          variant="outline"
                          onClick={async () =>
                            after(
                              await deny({
                                input: { requestId: r.id, reason: reason || t('inbox.defaultDenyReason') },
                              }),
                            )
                          }
                        >
                          {t('inbox.deny')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('inbox.swaps', { count: swaps.length })}
          </Title>
          {swaps.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('inbox.noSwaps')}
            </Text>
          ) : (
            <Stack gap="xs" data-testid="swap-inbox">
              {swaps.map((s) => {
                const teamZone = s.shift?.team.timeZone ?? zone;
                return (
                  <Card key={s.id} withBorder padding="xs">
                    <Group justify="space-between">
                      <Text size="sm">
                        {t('inbox.swapLine', {
                          requester: s.requesterName ?? '',
                          target: s.targetName ?? '',
                          shift: s.shift ? formatSpan(s.shift.startsAt, s.shift.endsAt, teamZone) : '',
                        })}
                        {s.targetShift
                          ? ` ${t('inbox.inExchange', { shift: formatSpan(s.targetShift.startsAt, s.targetShift.endsAt, teamZone) })}`
                          : ''}
                      </Text>
                      <Group gap="xs">
                        <Badge variant="light">{t(`swapStatus.${s.status}`)}</Badge>
                        {s.status === 'ACCEPTED' && (
                          <>
                            <Button
                              size="xs"
                              color="#1e6b2e"
                              onClick={async () => after(await decide({ input: { swapId: s.id, approve: true } }))}
                            >
                              {t('inbox.approve')}
                            </Button>
                            <Button
                              size="xs"
                              color="#a61e1e"
                              variant="outline"
                              onClick={async () =>
                                after(
                                  await decide({
                                    input: { swapId: s.id, approve: false, ...(reason ? { reason } : {}) },
                                  }),
                                )
                              }
                            >
                              {t('inbox.deny')}
                            </Button>
                          </>
                        )}
                      </Group>
                    </Group>
                  </Card>
                );
              })}
            </Stack>
          )}
        </Card>
      </QueryState>
    </Stack>
  );
}
