import {
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { SecretOnce } from '../../components/secret-once';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';
import { OutcomeAlert } from '../../components/outcome-alert';

const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens(first: 200) {
      totalCount
      edges {
        node {
          id
          name
          role
          createdAt
          expiresAt
          lastUsedAt
          revokedAt
        }
      }
    }
  }
`);

const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
      }
    }
  }
`);

const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      apiToken {
        id
        revokedAt
      }
    }
  }
`);

/** Integrations act with one of these roles; an agent's view is a person's, never a token's. */
const TOKEN_ROLES: Role[] = ['ADMIN', 'DIRECTOR', 'COORDINATOR', 'TRAINER'];

/** Admins: credentials for integrations (help-desk webhooks, imports, reports). The secret is shown once. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const zone = viewerZone();
  const [result, refetch] = useQuery({ query: ApiTokensQuery });
  const [, create] = useMutation(CreateApiTokenMutation);
  const [, revoke] = useMutation(RevokeApiTokenMutation);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('COORDINATOR');
  const [expiresOn, setExpiresOn] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tokens = result.data?.apiTokens.edges.map((e) => e.node) ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function submit() {
    // The token lapses at the end of the chosen day, in the admin's own zone.
    const expiresAt = expiresOn ? DateTime.fromISO(expiresOn, { zone }).endOf('day').toISO() : undefined;
    const r = await create({ input: { name, role, ...(expiresAt ? { expiresAt } : {}) } });
    if (r.error || !r.data) {
      setError(errorMessage(r.error) ?? t('state.error'));
      return;
    }
    setError(null);
    setSecret({ name: r.data.createApiToken.apiToken.name, token: r.data.createApiToken.token });
    setName('');
    setExpiresOn('');
    reload();
  }

  async function revokeToken(id: string, tokenName: string) {
    if (!window.confirm(t('apiTokens.confirmRevoke', { name: tokenName }))) return;
    const r = await revoke({ input: { id } });
    setError(r.error ? (errorMessage(r.error) ?? t('state.error')) : null);
    reload();
  }

  return (
    <Stack>
      <PageTitle>{t('apiTokens.title')}</PageTitle>
      <Text c="dimmed">{t('apiTokens.intro')}</Text>
      <OutcomeAlert outcome={error === null ? null : { ok: false, text: error }} onClose={() => setError(null)} />
      {secret && (
        <SecretOnce
          title={t('apiTokens.createdTitle', { name: secret.name })}
          hint={t('apiTokens.shownOnce')}
          secret={secret.token}
          testId="new-token"
          onClose={() => setSecret(null)}
        />
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('apiTokens.new')}
        </Title>
        <Group align="flex-end">
          <TextInput
            label={t('apiTokens.name')}
            description={t('apiTokens.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            w={260}
          />
          <NativeSelect
            label={t('users.role')}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            data={TOKEN_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
          <TextInput
            label={t('apiTokens.expiresOn')}
            description={t('apiTokens.expiresHint')}
            type="date"
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
          />
          <Button onClick={submit} disabled={!name.trim()}>
            {t('apiTokens.create')}
          </Button>
        </Group>
      </Card>
      <QueryState fetching={result.fetching} error={result.error} empty={result.data ? tokens.length === 0 : undefined}>
        <Table striped data-testid="api-tokens">
          <Table.Thead>
            <Table.Tr>
              {['name', 'role', 'created', 'lastUsed', 'expires', 'state'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`apiTokens.col.${c}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">
                <VisuallyHidden>{t('apiTokens.col.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.map((token) => {
              const expired = !!token.expiresAt && DateTime.fromISO(token.expiresAt) <= DateTime.now();
              const state = token.revokedAt ? 'revoked' : expired ? 'expired' : 'live';
              return (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td>{t(`role.${token.role}`)}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt, zone)}</Table.Td>
                  <Table.Td>
                    {token.lastUsedAt ? formatDateTime(token.lastUsedAt, zone) : t('apiTokens.never')}
                  </Table.Td>
                  <Table.Td>{token.expiresAt ? formatDateTime(token.expiresAt, zone) : '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={state === 'live' ? 'green' : 'gray'}>
                      {t(`apiTokens.state.${state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {state === 'live' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => revokeToken(token.id, token.name)}
                        aria-label={t('apiTokens.revokeNamed', { name: token.name })}
                      >
                        {t('apiTokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </QueryState>
    </Stack>
  );
}
