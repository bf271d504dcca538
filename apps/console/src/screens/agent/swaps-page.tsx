import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useMyAgent } from '../../hooks/use-me';
import { PageTitle } from '../../layout/shell';
import { formatSpan } from '../../time/format';
import { type Outcome, OutcomeAlert } from '../../components/outcome-alert';

const SwapBoardQuery = graphql(`
  query SwapBoard($input: SwapBoardInput!) {
    swapBoard(input: $input) {
      openShifts {
        agentId
        agentName
        shift {
          id
          startsAt
          endsAt
          channel
        }
      }
      myShifts {
        id
        startsAt
        endsAt
      }
      swaps {
        id
        status
        requesterAgentId
        targetAgentId
        requesterName
        targetName
        createdAt
        shift {
          startsAt
          endsAt
        }
        targetShift {
          startsAt
          endsAt
        }
      }
    }
  }
`);

const ProposeMutation = graphql(`
  mutation ProposeSwap($input: ProposeShiftSwapInput!) {
    proposeShiftSwap(input: $input) {
      swap {
        id
        status
      }
    }
  }
`);

const RespondMutation = graphql(`
  mutation RespondToSwap($input: RespondToShiftSwapInput!) {
    respondToShiftSwap(input: $input) {
      swap {
        id
        status
      }
    }
  }
`);

const DAYS = 28;

/** Agents: teammates' shifts they could take (offering one of theirs), and their swaps. */
export function SwapsPage() {
  const { t } = useTranslation();
  const me = useMyAgent();
  const input = useMemo(() => {
    const from = DateTime.now().startOf('hour');
    return { from: from.toISO()!, to: from.plus({ days: DAYS }).toISO()! };
  }, []);
  const [result, refetch] = useQuery({ query: SwapBoardQuery, variables: { input }, pause: !me.agent });
  const [, propose] = useMutation(ProposeMutation);
  const [, respond] = useMutation(RespondMutation);
  const [offer, setOffer] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Outcome | null>(null);
  const board = result.data?.swapBoard;
  const span = (s: { startsAt: string; endsAt: string } | null | undefined) =>
    s ? formatSpan(s.startsAt, s.endsAt, me.zone) : '—';
  const done = (error: Parameters<typeof errorMessage>[0], ok: string) => {
    setMessage(error ? { ok: false, text: errorMessage(error) ?? '' } : { ok: true, text: ok });
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Stack>
      <PageTitle>{t('swaps.title')}</PageTitle>
      <OutcomeAlert outcome={message} onClose={() => setMessage(null)} testId="swap-message" />
      <QueryState
        fetching={me.fetching || result.fetching}
        error={me.error ?? result.error}
        empty={me.loaded && !me.agent ? true : undefined}
        emptyText={t('mySchedule.noAgent')}
      >
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('swaps.open')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('swaps.openHelp', { days: DAYS, zone: me.zone })}
          </Text>
          {board && board.openShifts.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="empty-state">
              {t('swaps.noOpen')}
            </Text>
          ) : (
            <Table data-testid="open-shifts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('swaps.teammate')}</Table.Th>
                  <Table.Th scope="col">{t('swaps.shift')}</Table.Th>
                  <Table.Th scope="col">{t('swaps.offer')}</Table.Th>
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
                {board?.openShifts.map((open) => {
                  const mine = offer[open.shift.id] ?? board.myShifts[0]?.id ?? '';
                  return (
                    <Table.Tr key={open.shift.id}>
                      <Table.Td>{open.agentName}</Table.Td>
                      <Table.Td>{span(open.shift)}</Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={t('swaps.offerFor', { shift: span(open.shift) })}
                          value={mine}
                          onChange={(e) => setOffer({ ...offer, [open.shift.id]: e.currentTarget.value })}
                          data={board.myShifts.map((s) => ({ value: s.id, label: span(s) }))}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          disabled={!mine}
                          onClick={async () => {
                            const r = await propose({
                              input: { shiftId: mine, targetAgentId: open.agentId, targetShiftId: open.shift.id },
                            });
                            done(r.error, t('swaps.proposed', { name: open.agentName }));
                          }}
                        >
                          {t('swaps.propose')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('swaps.mine')}
          </Title>
          {board && board.swaps.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('swaps.noSwaps')}
            </Text>
          ) : (
            <Stack gap="xs" data-testid="my-swaps">
              {board?.swaps.map((s) => {
                const asked = s.targetAgentId === me.agent?.id;
                return (
                  <Group key={s.id} justify="space-between">
                    <Text size="sm">
                      {asked
                        ? t('swaps.askedBy', {
                            name: s.requesterName ?? '',
                            give: span(s.targetShift),
                            get: span(s.shift),
                          })
                        : t('swaps.youAsked', {
                            name: s.targetName ?? '',
                            give: span(s.shift),
                            get: span(s.targetShift),
                          })}
                    </Text>
                    <Group gap="xs">
                      <Badge variant="light">{t(`swapStatus.${s.status}`)}</Badge>
                      {asked && s.status === 'PROPOSED' && (
                        <>
                          <Button
                            size="xs"
                            onClick={async () =>
                              done(
                                (await respond({ input: { swapId: s.id, accept: true } })).error,
                                t('swaps.accepted'),
                              )
                            }
                          >
                            {t('swaps.accept')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={async () =>
                              done(
                                (await respond({ input: { swapId: s.id, accept: false } })).error,
                                t('swaps.declined'),
                              )
                            }
                          >
                            {t('swaps.decline')}
                          </Button>
                        </>
                      )}
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          )}
        </Card>
      </QueryState>
    </Stack>
  );
}
