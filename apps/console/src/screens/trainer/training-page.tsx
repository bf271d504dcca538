import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { TrainingCategory } from '../../gql/graphql';
import { useTeams } from '../../hooks/use-teams';
import { PageTitle } from '../../layout/shell';
import { type Outcome, OutcomeAlert } from '../../components/outcome-alert';

const CatalogueQuery = graphql(`
  query TrainingCatalogue {
    trainingModules(first: 200) {
      edges {
        node {
          id
          title
          category
          estimatedMinutes
          version
          passingScore
        }
      }
    }
    learningPaths(first: 100) {
      edges {
        node {
          id
          name
          description
          modules {
            position
            dueAfterDays
            module {
              title
            }
          }
        }
      }
    }
  }
`);

const AssignMutation = graphql(`
  mutation AssignPath($input: AssignTrainingInput!) {
    assignTraining(input: $input) {
      createdCount
      alreadyAssignedCount
    }
  }
`);

const CreateModuleMutation = graphql(`
  mutation CreateModule($input: CreateTrainingModuleInput!) {
    createTrainingModule(input: $input) {
      module {
        id
      }
    }
  }
`);

const CATEGORIES: TrainingCategory[] = ['PRODUCT', 'COMMUNICATION', 'TOOLS', 'POLICY', 'SOFT_SKILLS'];

/** Trainers: the module catalogue, learning paths, and assigning a path to a team. */
export function TrainingPage() {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: CatalogueQuery });
  const { teams } = useTeams();
  const [, assign] = useMutation(AssignMutation);
  const [, createModule] = useMutation(CreateModuleMutation);
  const [pathId, setPathId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [startsOn, setStartsOn] = useState(DateTime.now().toISODate()!);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<TrainingCategory>('PRODUCT');
  const [minutes, setMinutes] = useState<number>(30);
  const [url, setUrl] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const modules = result.data?.trainingModules.edges.map((e) => e.node) ?? [];
  const paths = result.data?.learningPaths.edges.map((e) => e.node) ?? [];
  const chosenPath = pathId || paths[0]?.id || '';
  const chosenTeam = teamId || teams[0]?.id || '';

  async function assignPath() {
    const r = await assign({ input: { pathId: chosenPath, teamId: chosenTeam, startsOn } });
    setMessage(
      r.error
        ? { ok: false, text: errorMessage(r.error) ?? '' }
        : {
            ok: true,
            text: t('training.assigned', {
              created: r.data!.assignTraining.createdCount,
              already: r.data!.assignTraining.alreadyAssignedCount,
            }),
          },
    );
  }

  async function addModule() {
    const r = await createModule({
      input: { title, category, estimatedMinutes: minutes, ...(url ? { contentUrl: url } : {}) },
    });
    setMessage(
      r.error
        ? { ok: false, text: errorMessage(r.error) ?? '' }
        : { ok: true, text: t('training.moduleCreated', { title }) },
    );
    if (!r.error) {
      setTitle('');
      setUrl('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Stack>
      <PageTitle>{t('training.title')}</PageTitle>
      <OutcomeAlert outcome={message} onClose={() => setMessage(null)} testId="training-message" />
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? modules.length === 0 && paths.length === 0 : undefined}
        emptyText={t('training.empty')}
      >
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('training.assignPath')}
          </Title>
          <Group align="flex-end">
            <NativeSelect
              label={t('training.path')}
              value={chosenPath}
              onChange={(e) => setPathId(e.currentTarget.value)}
              data={paths.map((p) => ({ value: p.id, label: p.name }))}
            />
            <NativeSelect
              label={t('training.team')}
              value={chosenTeam}
              onChange={(e) => setTeamId(e.currentTarget.value)}
              data={teams.map((team) => ({ value: team.id, label: team.name }))}
            />
            <TextInput
              type="date"
              label={t('training.startsOn')}
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
            />
            <Button onClick={assignPath} disabled={!chosenPath || !chosenTeam}>
              {t('training.assign')}
            </Button>
          </Group>
        </Card>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('training.paths')}
            </Title>
            <Stack gap="sm" data-testid="paths">
              {paths.map((p) => (
                <div key={p.id}>
                  <Text fw={600}>{p.name}</Text>
                  <Text size="sm" c="dimmed">
                    {p.modules
                      .slice()
                      .sort((a, b) => a.position - b.position)
                      .map((m) => t('training.pathStep', { title: m.module.title, days: m.dueAfterDays }))
                      .join(' → ')}
                  </Text>
                </div>
              ))}
            </Stack>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('training.modules')}
            </Title>
            <Table data-testid="modules">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('training.moduleTitle')}</Table.Th>
                  <Table.Th scope="col">{t('training.category')}</Table.Th>
                  <Table.Th scope="col">{t('training.minutes')}</Table.Th>
                  <Table.Th scope="col">{t('training.version')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {modules.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.title}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`category.${m.category}`)}</Badge>
                    </Table.Td>
                    <Table.Td>{m.estimatedMinutes}</Table.Td>
                    <Table.Td>{m.version}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group align="flex-end" mt="md">
              <TextInput
                label={t('training.moduleTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <NativeSelect
                label={t('training.category')}
                value={category}
                onChange={(e) => setCategory(e.currentTarget.value as TrainingCategory)}
                data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              />
              <NumberInput
                label={t('training.minutes')}
                min={1}
                max={1440}
                value={minutes}
                onChange={(v) => setMinutes(typeof v === 'number' ? v : 30)}
                w={110}
              />
              <TextInput label={t('training.url')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
              <Button variant="default" onClick={addModule} disabled={!title}>
                {t('training.addModule')}
              </Button>
            </Group>
          </Card>
        </SimpleGrid>
      </QueryState>
    </Stack>
  );
}
