import { Alert, Badge, Button, Card, Group, NativeSelect, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';

const UsersQuery = graphql(`
  query Users {
    users(first: 200) {
      totalCount
      edges {
        node {
          id
          email
          displayName
          role
          createdAt
          agent {
            name
          }
        }
      }
    }
  }
`);

const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
      }
    }
  }
`);

const ROLES: Role[] = ['AGENT', 'COORDINATOR', 'TRAINER', 'DIRECTOR', 'ADMIN'];

/** Admins: the organisation's users and their roles; directors read the list. */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useSession()!;
  const zone = viewerZone();
  const [result, refetch] = useQuery({ query: UsersQuery });
  const [, create] = useMutation(CreateUserMutation);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('AGENT');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const users = result.data?.users.edges.map((e) => e.node) ?? [];

  async function submit() {
    const r = await create({ input: { email, password, role, ...(name ? { displayName: name } : {}) } });
    setMessage(r.error ? { ok: false, text: errorMessage(r.error) ?? '' } : { ok: true, text: t('users.created', { email }) });
    if (!r.error) {
      setEmail('');
      setName('');
      setPassword('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Stack>
      <PageTitle>{t('users.title')}</PageTitle>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'} withCloseButton closeButtonLabel={t('close')} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      {session.user.role === 'ADMIN' && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('users.new')}
          </Title>
          <Group align="flex-end">
            <TextInput label={t('signIn.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <TextInput label={t('users.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <PasswordInput label={t('signIn.password')} description={t('users.passwordRule')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} w={220} />
            <NativeSelect label={t('users.role')} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)} data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
            <Button onClick={submit} disabled={!email || password.length < 12}>
              {t('users.create')}
            </Button>
          </Group>
        </Card>
      )}
      <QueryState fetching={result.fetching} error={result.error} empty={result.data ? users.length === 0 : undefined}>
        <Table striped data-testid="users">
          <Table.Thead>
            <Table.Tr>
              {['email', 'name', 'role', 'agent', 'since'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`users.col.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{u.displayName ?? '—'}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`role.${u.role}`)}</Badge>
                </Table.Td>
                <Table.Td>{u.agent?.name ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(u.createdAt, zone)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
