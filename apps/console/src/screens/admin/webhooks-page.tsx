import { Badge, Button, Card, Checkbox, Group, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { WebhookEvent } from '../../gql/graphql';
import { SecretOnce } from '../../components/secret-once';
import { PageTitle } from '../../layout/shell';
import { formatDateTime, viewerZone } from '../../time/format';
import { OutcomeAlert } from '../../components/outcome-alert';

const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(first: 200) {
      edges {
        node {
          id
          url
          description
          events
          active
          createdAt
        }
      }
    }
  }
`);

const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($endpointId: ID!) {
    webhookDeliveries(endpointId: $endpointId, first: 50) {
      totalCount
      edges {
        node {
          id
          event
          status
          attempts
          createdAt
          lastStatusCode
          lastError
          nextAttemptAt
          resentFromId
        }
      }
    }
  }
`);

const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
      }
    }
  }
`);

const UpdateWebhookEndpointMutation = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      endpoint {
        id
        active
      }
    }
  }
`);

const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) {
      deletedId
    }
  }
`);

const ResendWebhookDeliveryMutation = graphql(`
  mutation ResendWebhookDelivery($input: ResendWebhookDeliveryInput!) {
    resendWebhookDelivery(input: $input) {
      delivery {
        id
      }
    }
  }
`);

/** Every event, in the checkboxes' order (a record, so that a new event fails the type check until it is listed). */
const EVENT_ORDER: Record<WebhookEvent, number> = {
  SCHEDULE_PUBLISHED: 0,
  TIMEOFF_DECIDED: 1,
  SWAP_DECIDED: 2,
  SCHEDULE_JOB_FINISHED: 3,
  TRAINING_OVERDUE: 4,
  KPI_ALERT_CHANGED: 5,
};
const EVENTS = (Object.keys(EVENT_ORDER) as WebhookEvent[]).sort((a, b) => EVENT_ORDER[a] - EVENT_ORDER[b]);

/** Admins: endpoints that receive signed events (a published schedule, a decided request…) and what each delivery did. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const zone = viewerZone();
  const [result, refetch] = useQuery({ query: WebhookEndpointsQuery });
  const [, create] = useMutation(CreateWebhookEndpointMutation);
  const [, update] = useMutation(UpdateWebhookEndpointMutation);
  const [, remove] = useMutation(DeleteWebhookEndpointMutation);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['SCHEDULE_PUBLISHED']);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const endpoints = result.data?.webhookEndpoints.edges.map((e) => e.node) ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function submit() {
    const r = await create({
      input: { url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) },
    });
    if (r.error || !r.data) {
      setError(errorMessage(r.error) ?? t('state.error'));
      return;
    }
    setError(null);
    setSecret({ url: r.data.createWebhookEndpoint.endpoint.url, secret: r.data.createWebhookEndpoint.secret });
    setUrl('');
    setDescription('');
    reload();
  }

  async function act(action: () => Promise<{ error?: Parameters<typeof errorMessage>[0] }>) {
    const r = await action();
    setError(r.error ? (errorMessage(r.error) ?? t('state.error')) : null);
    reload();
  }

  return (
    <Stack>
      <PageTitle>{t('webhooks.title')}</PageTitle>
      <Text c="dimmed">{t('webhooks.intro')}</Text>
      <OutcomeAlert outcome={error === null ? null : { ok: false, text: error }} onClose={() => setError(null)} />
      {secret && (
        <SecretOnce
          title={t('webhooks.createdTitle', { url: secret.url })}
          hint={t('webhooks.secretOnce')}
          secret={secret.secret}
          testId="webhook-secret"
          onClose={() => setSecret(null)}
        />
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('webhooks.new')}
        </Title>
        <Stack gap="sm">
          <Group align="flex-end">
            <TextInput
              label={t('webhooks.url')}
              placeholder="https://"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              w={360}
            />
            <TextInput
              label={t('webhooks.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              w={260}
            />
          </Group>
          <Checkbox.Group label={t('webhooks.events')} value={events} onChange={(v) => setEvents(v as WebhookEvent[])}>
            <Group mt="xs">
              {EVENTS.map((e) => (
                <Checkbox key={e} value={e} label={t(`webhooks.event.${e}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button onClick={submit} disabled={!url.trim() || events.length === 0}>
              {t('webhooks.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <QueryState
        fetching={result.fetching}
        error={result.error}
        empty={result.data ? endpoints.length === 0 : undefined}
      >
        <Stack data-testid="webhook-endpoints">
          {endpoints.map((endpoint) => (
            <Card withBorder key={endpoint.id}>
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={2}>
                  <Text fw={600} style={{ wordBreak: 'break-all' }}>
                    {endpoint.url}
                  </Text>
                  {endpoint.description && <Text size="sm">{endpoint.description}</Text>}
                  <Group gap={4}>
                    {endpoint.events.map((e) => (
                      <Badge key={e} variant="light">
                        {t(`webhooks.event.${e}`)}
                      </Badge>
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('webhooks.since', { date: formatDateTime(endpoint.createdAt, zone) })}
                  </Text>
                </Stack>
                <Group gap="xs" wrap="nowrap">
                  <Switch
                    label={t('webhooks.active')}
                    checked={endpoint.active}
                    onChange={(e) => {
                      const active = e.currentTarget.checked;
                      void act(() => update({ input: { id: endpoint.id, active } }));
                    }}
                  />
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}
                    aria-expanded={open === endpoint.id}
                  >
                    {t('webhooks.deliveries')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('webhooks.deleteNamed', { url: endpoint.url })}
                    onClick={() => {
                      if (window.confirm(t('webhooks.confirmDelete', { url: endpoint.url })))
                        void act(() => remove({ input: { id: endpoint.id } }));
                    }}
                  >
                    {t('webhooks.delete')}
                  </Button>
                </Group>
              </Group>
              {open === endpoint.id && <Deliveries endpointId={endpoint.id} onError={setError} />}
            </Card>
          ))}
        </Stack>
      </QueryState>
    </Stack>
  );
}

/** The newest deliveries of one endpoint: status, attempts, what the receiver last answered; resend. */
function Deliveries({ endpointId, onError }: { endpointId: string; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const zone = viewerZone();
  const [result, refetch] = useQuery({ query: WebhookDeliveriesQuery, variables: { endpointId } });
  const [, resend] = useMutation(ResendWebhookDeliveryMutation);
  const deliveries = result.data?.webhookDeliveries.edges.map((e) => e.node) ?? [];
  // While a delivery is still being tried, look again every few seconds.
  const pending = deliveries.some((d) => d.status === 'PENDING');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => clearInterval(timer);
  }, [pending, refetch]);
  const colour = { DELIVERED: 'green', FAILED: 'red', PENDING: 'yellow' } as const;

  return (
    <QueryState
      fetching={result.fetching}
      error={result.error}
      empty={result.data ? deliveries.length === 0 : undefined}
    >
      <Table mt="sm" striped data-testid="webhook-deliveries">
        <Table.Thead>
          <Table.Tr>
            {['event', 'created', 'status', 'attempts', 'answer'].map((c) => (
              <Table.Th key={c} scope="col">
                {t(`webhooks.col.${c}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('apiTokens.col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{t(`webhooks.event.${d.event}`)}</Table.Td>
              <Table.Td>{formatDateTime(d.createdAt, zone)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={colour[d.status]}>
                  {t(`webhooks.status.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{d.attempts}</Table.Td>
              <Table.Td>{d.lastStatusCode ?? d.lastError ?? '—'}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={async () => {
                    const r = await resend({ input: { deliveryId: d.id } });
                    onError(r.error ? (errorMessage(r.error) ?? t('state.error')) : null);
                    refetch({ requestPolicy: 'network-only' });
                  }}
                >
                  {t('webhooks.resend')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </QueryState>
  );
}
