import { Badge, Button, NativeSelect, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorMessage, QueryState } from '../../components/query-state';
import { graphql } from '../../gql';
import type { LaborRule, RuleEnforcement } from '../../gql/graphql';
import { PageTitle } from '../../layout/shell';
import { type Outcome, OutcomeAlert } from '../../components/outcome-alert';

const SettingsQuery = graphql(`
  query OrganisationSettings {
    me {
      id
      tenant {
        id
        name
      }
    }
    laborRules {
      rule
      enforcement
      value
      maxValue
      source
    }
  }
`);

const SetLaborRuleMutation = graphql(`
  mutation SetLaborRule($input: SetLaborRuleInput!) {
    setLaborRule(input: $input) {
      rules {
        rule
        enforcement
        value
        maxValue
        source
      }
    }
  }
`);

const ENFORCEMENTS: RuleEnforcement[] = ['HARD', 'SOFT', 'OFF'];
/** The rules that take a number, and its unit (see SetLaborRuleInput). */
const UNITS: Partial<Record<LaborRule, string>> = {
  MIN_REST: 'hours',
  MAX_WEEKLY_HOURS: 'hours',
  MAX_CONSECUTIVE_DAYS: 'days',
  SHIFT_LENGTH: 'hours',
  MIN_DAYS_OFF: 'days',
  START_TIME_SPREAD: 'hours',
};

interface Draft {
  enforcement: RuleEnforcement;
  value: number | null;
}

/** Admins: the organisation, and its labor rules as they apply to every team without an override. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [result, refetch] = useQuery({ query: SettingsQuery });
  const [, setRule] = useMutation(SetLaborRuleMutation);
  const [drafts, setDrafts] = useState<Partial<Record<LaborRule, Draft>>>({});
  const [message, setMessage] = useState<Outcome | null>(null);
  const rules = useMemo(() => result.data?.laborRules ?? [], [result.data]);

  useEffect(() => {
    setDrafts(Object.fromEntries(rules.map((r) => [r.rule, { enforcement: r.enforcement, value: r.value ?? null }])));
  }, [rules]);

  async function save(rule: LaborRule) {
    const draft = drafts[rule]!;
    const current = rules.find((r) => r.rule === rule)!;
    const r = await setRule({
      input: {
        rule,
        enforcement: draft.enforcement,
        ...(draft.value !== null ? { value: draft.value } : {}),
        ...(current.maxValue != null ? { maxValue: current.maxValue } : {}),
      },
    });
    setMessage(
      r.error
        ? { ok: false, text: errorMessage(r.error) ?? t('state.error') }
        : { ok: true, text: t('settings.saved', { rule: t(`rule.${rule}`) }) },
    );
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Stack>
      <PageTitle>{t('settings.title')}</PageTitle>
      {result.data && <Text>{t('settings.organisation', { name: result.data.me.tenant.name })}</Text>}
      <OutcomeAlert outcome={message} onClose={() => setMessage(null)} />
      <Text c="dimmed">{t('settings.rulesIntro')}</Text>
      <QueryState fetching={result.fetching} error={result.error} empty={result.data ? rules.length === 0 : undefined}>
        <Table striped data-testid="labor-rules">
          <Table.Thead>
            <Table.Tr>
              {['rule', 'enforcement', 'value', 'source'].map((c) => (
                <Table.Th key={c} scope="col">
                  {t(`settings.col.${c}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col">{t('apiTokens.col.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((r) => {
              const draft = drafts[r.rule];
              const unit = UNITS[r.rule];
              const changed = draft && (draft.enforcement !== r.enforcement || draft.value !== (r.value ?? null));
              return (
                <Table.Tr key={r.rule}>
                  <Table.Td>{t(`rule.${r.rule}`)}</Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('settings.enforcementOf', { rule: t(`rule.${r.rule}`) })}
                      value={draft?.enforcement ?? r.enforcement}
                      onChange={(e) => {
                        const enforcement = e.currentTarget.value as RuleEnforcement;
                        setDrafts((d) => ({ ...d, [r.rule]: { ...(d[r.rule] ?? { value: null }), enforcement } }));
                      }}
                      data={ENFORCEMENTS.map((e) => ({ value: e, label: t(`enforcement.${e}`) }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    {unit ? (
                      <NumberInput
                        aria-label={t('settings.valueOf', { rule: t(`rule.${r.rule}`) })}
                        value={draft?.value ?? ''}
                        min={0}
                        suffix={` ${t(`settings.unit.${unit}`)}`}
                        onChange={(v) =>
                          setDrafts((d) => ({
                            ...d,
                            [r.rule]: {
                              ...(d[r.rule] ?? { enforcement: r.enforcement }),
                              value: typeof v === 'number' ? v : null,
                            },
                          }))
                        }
                        w={160}
                      />
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {t(`settings.source.${r.source}`, { defaultValue: r.source })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" disabled={!changed} onClick={() => save(r.rule)}>
                      {t('save')}
                    </Button>
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
