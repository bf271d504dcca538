import { Badge, Group, NativeSelect, Progress, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { TrainingAssignmentStatus } from '../../gql/graphql';
import { useTeams } from '../../hooks/use-teams';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';
import { TRAINING_STATUS_COLOR } from '../../training/training-format';

const AssignmentsQuery = graphql(`
  query Assignments($filter: TrainingAssignmentFilter) {
    trainingAssignments(first: 200, filter: $filter) {
      totalCount
      edges {
        node {
          id
          status
          dueAt
          progressPercent
          agent {
            name
          }
          module {
            title
          }
          path {
            name
          }
        }
      }
    }
  }
`);

const STATUSES: TrainingAssignmentStatus[] = ['OVERDUE', 'ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'WAIVED'];

/** Trainers: assignment progress, overdue first. */
export function ProgressPage() {
  const { t } = useTranslation();
  const zone = viewerZone();
  const { teams } = useTeams();
  const [status, setStatus] = useState<TrainingAssignmentStatus | ''>('OVERDUE');
  const [teamId, setTeamId] = useState('');
  const [result] = useQuery({
    query: AssignmentsQuery,
    variables: { filter: { ...(status ? { status } : {}), ...(teamId ? { teamIds: [teamId] } : {}) } },
  });
  const rows = result.data?.trainingAssignments.edges.map((e) => e.node) ?? [];
  return (
    <Stack>
      <PageTitle>{t('progress.title')}</PageTitle>
      <Group>
        <NativeSelect
          label={t('progress.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as TrainingAssignmentStatus | '')}
          data={[
            { value: '', label: t('progress.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`trainingStatus.${s}`) })),
          ]}
        />
        <NativeSelect
          label={t('training.team')}
          value={teamId}
          onChange={(e) => setTeamId(e.currentTarget.value)}
          data={[{ value: '', label: t('contacts.allTeams') }, ...teams.map((x) => ({ value: x.id, label: x.name }))]}
        />
      </Group>
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? rows.length === 0 : undefined}
        emptyText={t('progress.empty')}
      >
        <Text size="sm">{t('progress.count', { count: result.data?.trainingAssignments.totalCount ?? 0 })}</Text>
        <Table striped data-testid="assignments">
          <Table.Thead>
            <Table.Tr>
              {['agent', 'module', 'path', 'due', 'progress', 'status'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`progress.col.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.agent?.name ?? '—'}</Table.Td>
                <Table.Td>{a.module.title}</Table.Td>
                <Table.Td>{a.path?.name ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(a.dueAt, zone)}</Table.Td>
                <Table.Td w={140}>
                  <Progress
                    value={a.progressPercent}
                    aria-label={t('myTraining.progress', { title: a.module.title })}
                  />
                </Table.Td>
                <Table.Td>
                  <Badge color={TRAINING_STATUS_COLOR[a.status]} variant="light">
                    {t(`trainingStatus.${a.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
