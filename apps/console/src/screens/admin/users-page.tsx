import { Badge, Button, Card, Group, NativeSelect, PasswordInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useSession } from '../../auth/session';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';
import { type Outcome, OutcomeAlert } from '../../components/outcome-alert';

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
          active
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

const UpdateUserRoleMutation = graphql(`
  mutation UpdateUserRole($input: UpdateUserRoleInput!) {
    updateUserRole(input: $input) {
      user {
        id
        role
      }
    }
  }
`);

const DeactivateUserMutation = graphql(`
  mutation DeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) {
      user {
        id
        active
      }
    }
  }
`);

const ReactivateUserMutation = graphql(`
  mutation ReactivateUser($input: ReactivateUserInput!) {
    reactivateUser(input: $input) {
      user {
        id
        active
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
  const [, updateRole] = useMutation(UpdateUserRoleMutation);
  const [, deactivate] = useMutation(DeactivateUserMutation);
  const [, reactivate] = useMutation(ReactivateUserMutation);
  const isAdmin = session.user.role === 'ADMIN';
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('AGENT');
  const [message, setMessage] = useState<Outcome | null>(null);
  const users = result.data?.users.edges.map((e) => e.node) ?? [];

  async function submit() {
    const r = await create({ input: { email, password, role, ...(name ? { displayName: name } : {}) } });
    setMessage(
      r.error ? { ok: false, text: errorMessage(r.error) ?? '' } : { ok: true, text: t('users.created', { email }) },
    );
    if (!r.error) {
      setEmail('');
      setName('');
      setPassword('');
      refetch({ requestPolicy: 'network-only' });
    }
  }

  /** Role changes and deactivation end the user's sessions (the API says so); the admin is told. */
  async function change(action: () => Promise<{ error?: Parameters<typeof errorMessage>[0] }>, done: string) {
    const r = await action();
    setMessage(r.error ? { ok: false, text: errorMessage(r.error) ?? '' } : { ok: true, text: done });
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Stack>
      <PageTitle>{t('users.title')}</PageTitle>
      <OutcomeAlert outcome={message} onClose={() => setMessage(null)} />
      {isAdmin && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('users.new')}
          </Title>
          <Group align="flex-end">
            <TextInput
              label={t('signIn.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <TextInput label={t('users.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <PasswordInput
              label={t('signIn.password')}
              description={t('users.passwordRule')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              w={220}
            />
            <NativeSelect
              label={t('users.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
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
              {['email', 'name', 'role', 'agent', 'since', 'state'].map((c) => (
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
                  {isAdmin && u.id !== session.user.id ? (
                    <NativeSelect
                      aria-label={t('users.roleOf', { email: u.email })}
                      value={u.role}
                      onChange={(e) => {
                        const next = e.currentTarget.value as Role;
                        void change(
                          () => updateRole({ input: { userId: u.id, role: next } }),
                          t('users.roleChanged', { email: u.email }),
                        );
                      }}
                      data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                    />
                  ) : (
                    <Badge variant="light">{t(`role.${u.role}`)}</Badge>
                  )}
                </Table.Td>
                <Table.Td>{u.agent?.name ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(u.createdAt, zone)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge variant="light" color={u.active ? 'green' : 'gray'}>
                      {t(u.active ? 'users.active' : 'users.inactive')}
                    </Badge>
                    {isAdmin && u.id !== session.user.id && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color={u.active ? 'red' : undefined}
                        aria-label={t(u.active ? 'users.deactivateNamed' : 'users.reactivateNamed', { email: u.email })}
                        onClick={() =>
                          u.active
                            ? void change(
                                () => deactivate({ input: { userId: u.id } }),
                                t('users.deactivated', { email: u.email }),
                              )
                            : void change(
                                () => reactivate({ input: { userId: u.id } }),
                                t('users.reactivated', { email: u.email }),
                              )
                        }
                      >
                        {t(u.active ? 'users.deactivate' : 'users.reactivate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
