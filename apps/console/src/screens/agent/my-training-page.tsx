import { Anchor, Badge, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import { useMyAgent } from '../../hooks/use-me';
import { PageTitle } from '../../layout/shell';
import { formatDateTime } from '../../time/format';
import { TRAINING_STATUS_COLOR } from '../../training/training-format';

const MyTrainingQuery = graphql(`
  query MyTraining {
    myTraining(first: 100) {
      edges {
        node {
          id
          status
          dueAt
          progressPercent
          blockedByModuleIds
          module {
            id
            title
            category
            version
            contentUrl
            estimatedMinutes
          }
          path {
            name
          }
        }
      }
    }
  }
`);

const CompleteMutation = graphql(`
  mutation CompleteTraining($input: CompleteTrainingInput!) {
    completeTraining(input: $input) {
      assignment {
        id
        status
      }
    }
  }
`);

/** Agents: their training by due date; a policy is acknowledged here. */
export function MyTrainingPage() {
  const { t } = useTranslation();
  const me = useMyAgent();
  const [result, refetch] = useQuery({ query: MyTrainingQuery });
  const [, complete] = useMutation(CompleteMutation);
  const [error, setError] = useState<string | null>(null);
  const items = result.data?.myTraining.edges.map((e) => e.node) ?? [];
  return (
    <Stack>
      <PageTitle>{t('myTraining.title')}</PageTitle>
      {error && (
        <Text c="red.9" role="alert">
          {error}
        </Text>
      )}
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? items.length === 0 : undefined}
        emptyText={t('myTraining.empty')}
      >
        {items.map((a) => (
          <Card key={a.id} withBorder>
            <Group justify="space-between">
              <div>
                <Text fw={600}>{a.module.title}</Text>
                <Text size="sm" c="dimmed">
                  {t(`category.${a.module.category}`)} · {t('myTraining.minutes', { count: a.module.estimatedMinutes })}
                  {a.path ? ` · ${a.path.name}` : ''} ·{' '}
                  {t('myTraining.due', { date: formatDateTime(a.dueAt, me.zone) })}
                </Text>
              </div>
              <Group gap="xs">
                <Badge color={TRAINING_STATUS_COLOR[a.status]} variant="light">
                  {t(`trainingStatus.${a.status}`)}
                </Badge>
                {a.module.contentUrl && (
                  <Anchor href={a.module.contentUrl} target="_blank" rel="noreferrer" size="sm">
                    {t('myTraining.open')}
                  </Anchor>
                )}
                {a.module.category === 'POLICY' && a.status !== 'COMPLETED' && a.status !== 'WAIVED' && (
                  <Button
                    size="xs"
                    onClick={async () => {
                      const r = await complete({
                        input: { assignmentId: a.id, acknowledgedVersion: a.module.version },
                      });
                      setError(r.error ? (errorMessage(r.error) ?? null) : null);
                      refetch({ requestPolicy: 'network-only' });
                    }}
                  >
                    {t('myTraining.acknowledge')}
                  </Button>
                )}
              </Group>
            </Group>
            <Progress
              value={a.progressPercent}
              mt="xs"
              aria-label={t('myTraining.progress', { title: a.module.title })}
            />
            {a.blockedByModuleIds.length > 0 && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('myTraining.blocked')}
              </Text>
            )}
          </Card>
        ))}
      </QueryState>
    </Stack>
  );
}
