import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useAgents } from '../../hooks/use-agents';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';
import { type Outcome, OutcomeAlert } from '../../components/outcome-alert';

const MentorshipsQuery = graphql(`
  query Mentorships {
    mentorships(first: 100) {
      edges {
        node {
          id
          status
          goals
          startsOn
          endsOn
          mentor {
            name
          }
          mentee {
            name
          }
        }
      }
    }
    mentoringSessions(first: 100) {
      edges {
        node {
          id
          mentorshipId
          heldAt
          durationMinutes
          notes
        }
      }
    }
  }
`);

const SuggestQuery = graphql(`
  query SuggestMentors($menteeId: ID!) {
    suggestMentors(menteeId: $menteeId, first: 5) {
      score
      reason
      mentor {
        id
        name
      }
    }
  }
`);

const CreateMentorshipMutation = graphql(`
  mutation CreateMentorship($input: CreateMentorshipInput!) {
    createMentorship(input: $input) {
      mentorship {
        id
      }
    }
  }
`);

const LogSessionMutation = graphql(`
  mutation LogSession($input: LogMentoringSessionInput!) {
    logMentoringSession(input: $input) {
      session {
        id
      }
    }
  }
`);

/** Coordinators: mentorships and their sessions; new pairs from the suggested mentors. */
export function MentoringPage() {
  const { t } = useTranslation();
  const zone = viewerZone();
  const [result, refetch] = useQuery({ query: MentorshipsQuery });
  const { agents } = useAgents();
  const [menteeId, setMenteeId] = useState('');
  const [mentorId, setMentorId] = useState('');
  const [goals, setGoals] = useState('');
  const [suggestions] = useQuery({ query: SuggestQuery, variables: { menteeId }, pause: !menteeId });
  const [, create] = useMutation(CreateMentorshipMutation);
  const [, logSession] = useMutation(LogSessionMutation);
  const [sessionFor, setSessionFor] = useState<string | null>(null);
  const [heldAt, setHeldAt] = useState(DateTime.now().toFormat("yyyy-MM-dd'T'HH:mm"));
  const [minutes, setMinutes] = useState<number>(45);
  const [notes, setNotes] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const mentorships = result.data?.mentorships.edges.map((e) => e.node) ?? [];
  const sessions = result.data?.mentoringSessions.edges.map((e) => e.node) ?? [];

  async function submitMentorship() {
    const r = await create({ input: { menteeId, mentorId, goals, startsOn: DateTime.now().toISODate()! } });
    setMessage(r.error ? { ok: false, text: errorMessage(r.error) ?? '' } : { ok: true, text: t('mentoring.created') });
    if (!r.error) {
      setGoals('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function submitSession() {
    const r = await logSession({
      input: {
        mentorshipId: sessionFor!,
        heldAt: DateTime.fromISO(heldAt, { zone }).toISO()!,
        durationMinutes: minutes,
        notes,
      },
    });
    setMessage(r.error ? { ok: false, text: errorMessage(r.error) ?? '' } : { ok: true, text: t('mentoring.logged') });
    if (!r.error) {
      setSessionFor(null);
      setNotes('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Stack>
      <PageTitle>{t('mentoring.title')}</PageTitle>
      <OutcomeAlert outcome={message} onClose={() => setMessage(null)} />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('mentoring.new')}
        </Title>
        <Group align="flex-end">
          <NativeSelect
            label={t('mentoring.mentee')}
            value={menteeId}
            onChange={(e) => setMenteeId(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
          />
          <NativeSelect
            label={t('mentoring.mentor')}
            value={mentorId}
            onChange={(e) => setMentorId(e.currentTarget.value)}
            data={[
              { value: '', label: '—' },
              ...(suggestions.data?.suggestMentors ?? []).map((s) => ({
                value: s.mentor.id,
                label: `${s.mentor.name} (${Math.round(s.score * 100)} %)`,
              })),
            ]}
          />
          <TextInput
            label={t('mentoring.goals')}
            value={goals}
            onChange={(e) => setGoals(e.currentTarget.value)}
            w={300}
          />
          <Button onClick={submitMentorship} disabled={!menteeId || !mentorId || !goals}>
            {t('mentoring.create')}
          </Button>
        </Group>
        {suggestions.data && (
          <Stack gap={2} mt="xs">
            {suggestions.data.suggestMentors.map((s) => (
              <Text key={s.mentor.id} size="xs" c="dimmed">
                {s.mentor.name}: {s.reason}
              </Text>
            ))}
          </Stack>
        )}
      </Card>
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? mentorships.length === 0 : undefined}
        emptyText={t('mentoring.empty')}
      >
        <Table data-testid="mentorships">
          <Table.Thead>
            <Table.Tr>
              {['mentor', 'mentee', 'goals', 'since', 'sessions', 'status'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`mentoring.col.${c}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">
                <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                  {t('inbox.actions')}
                </span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mentorships.map((m) => {
              const own = sessions.filter((s) => s.mentorshipId === m.id);
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.mentor?.name ?? '—'}</Table.Td>
                  <Table.Td>{m.mentee?.name ?? '—'}</Table.Td>
                  <Table.Td>{m.goals}</Table.Td>
                  <Table.Td>{DateTime.fromISO(m.startsOn).toLocaleString(DateTime.DATE_MED)}</Table.Td>
                  <Table.Td>
                    {own.length > 0
                      ? own.map((s) => `${formatDateTime(s.heldAt, zone)} (${s.durationMinutes} min)`).join('; ')
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`mentoring.status.${m.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {m.status === 'ACTIVE' && (
                      <Button size="xs" variant="default" onClick={() => setSessionFor(m.id)}>
                        {t('mentoring.logSession')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </QueryState>
      {sessionFor && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('mentoring.logSession')}
          </Title>
          <Group align="flex-end">
            <TextInput
              type="datetime-local"
              label={t('mentoring.heldAt')}
              value={heldAt}
              onChange={(e) => setHeldAt(e.currentTarget.value)}
            />
            <NumberInput
              label={t('mentoring.minutes')}
              min={5}
              max={480}
              value={minutes}
              onChange={(v) => setMinutes(typeof v === 'number' ? v : 45)}
            />
            <Textarea
              label={t('mentoring.notes')}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              w={300}
            />
            <Button onClick={submitSession}>{t('save')}</Button>
            <Button variant="default" onClick={() => setSessionFor(null)}>
              {t('cancel')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
