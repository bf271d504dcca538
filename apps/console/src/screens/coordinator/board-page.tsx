import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  Progress,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { useSession } from '../../auth/session';
import { errorMessage, QueryState } from '../../components/query-state';
import type { Channel } from '../../gql/graphql';
import { errorCode } from '../../graphql/client';
import { plannedFirst, useTeams } from '../../hooks/use-teams';
import { PageTitle } from '../../layout/shell';
import { formatSpan } from '../../time/format';
import {
  BoardQuery,
  BoardShiftsQuery,
  ClearDraftsMutation,
  GenerateMutation,
  JobQuery,
  PublishMutation,
  ShiftLastChangeQuery,
  UpdateShiftMutation,
} from './board/board-documents';
import { ScheduleBoard, type BoardShift } from './board/schedule-board';
import { startOfWeek } from './board/schedule-layout';

interface Notice {
  color: 'green' | 'red' | 'yellow';
  title: string;
  lines?: string[];
}

/** Coordinators: one team-week as a board; generate, adjust, review and publish. */
export function BoardPage() {
  const { t } = useTranslation();
  const session = useSession()!;
  const client = useClient();
  const { teams, fetching: teamsLoading, error: teamsError } = useTeams();
  const ordered = plannedFirst(teams, session.user.id);
  const [teamId, setTeamId] = useState<string | null>(null);
  const team = ordered.find((t) => t.id === teamId) ?? ordered[0];
  const zone = team?.timeZone ?? 'UTC';
  const [weekOffset, setWeekOffset] = useState(0);
  const weekStart = useMemo(() => startOfWeek(DateTime.now(), zone).plus({ weeks: weekOffset }), [zone, weekOffset]);
  const weekEnd = weekStart.plus({ weeks: 1 });
  const range = { from: weekStart.toISO()!, to: weekEnd.toISO()! };
  const variables = { teamId: team?.id ?? '', ...range };
  const [board, refetchBoard] = useQuery({ query: BoardQuery, variables, pause: !team });
  const [shiftPage, refetchShifts] = useQuery({ query: BoardShiftsQuery, variables, pause: !team });
  const [, updateShift] = useMutation(UpdateShiftMutation);
  const [clearing, clearDrafts] = useMutation(ClearDraftsMutation);
  const [publishing, publish] = useMutation(PublishMutation);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [editing, setEditing] = useState<BoardShift | null>(null);
  const [generating, setGenerating] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  const agents = board.data?.agents.edges.map((e) => e.node) ?? [];
  const shifts: BoardShift[] =
    shiftPage.data?.shifts.edges.map((e) => e.node).filter((s) => s.status !== 'CANCELLED') ?? [];
  const hiddenShifts = Math.max(
    0,
    (shiftPage.data?.shifts.totalCount ?? 0) - (shiftPage.data?.shifts.edges.length ?? 0),
  );
  const violations = board.data?.scheduleViolations ?? [];
  const drafts = shifts.filter((s) => s.status === 'DRAFT').length;
  const reload = () => {
    refetchBoard({ requestPolicy: 'network-only' });
    refetchShifts({ requestPolicy: 'network-only' });
  };

  async function explain(error: CombinedError, shiftId?: string): Promise<Notice> {
    const extensions = error.graphQLErrors[0]?.extensions ?? {};
    if (extensions['rule'] === 'STALE_VERSION' && shiftId) {
      const last = await client.query(ShiftLastChangeQuery, { shiftId }, { requestPolicy: 'network-only' }).toPromise();
      const entry = last.data?.auditLog.edges[0]?.node;
      const who = entry?.actor ? (entry.actor.displayName ?? entry.actor.email) : t('board.someone');
      return {
        color: 'yellow',
        title: t('board.stale', {
          who,
          at: entry ? DateTime.fromISO(entry.at).setZone(zone).toLocaleString(DateTime.TIME_SIMPLE) : '',
        }),
      };
    }
    const list = (extensions['violations'] as { message: string }[] | undefined)?.map((v) => v.message);
    return {
      color: 'red',
      title: errorCode(error) === 'CONFLICT' ? t('board.refused') : t('state.error'),
      lines: list ?? [errorMessage(error) ?? ''],
    };
  }

  async function change(shift: BoardShift, startsAt: DateTime, endsAt: DateTime) {
    const result = await updateShift({
      input: { id: shift.id, version: shift.version, startsAt: startsAt.toISO()!, endsAt: endsAt.toISO()! },
    });
    if (result.error) setNotice(await explain(result.error, shift.id));
    else {
      const warnings = result.data?.updateShift.warnings ?? [];
      setNotice({
        color: warnings.length ? 'yellow' : 'green',
        title: t('board.moved', { span: formatSpan(startsAt.toISO()!, endsAt.toISO()!, zone) }),
        lines: warnings.map((w) => w.message),
      });
    }
    reload();
  }

  async function clear() {
    const result = await clearDrafts({ input: { teamId: team!.id, ...range } });
    setNotice(
      result.error
        ? await explain(result.error)
        : { color: 'green', title: t('board.cleared', { count: result.data!.clearDraftShifts.deletedCount }) },
    );
    reload();
  }

  async function doPublish() {
    const result = await publish({ input: { teamId: team!.id, ...range } });
    setNotice(
      result.error
        ? await explain(result.error)
        : { color: 'green', title: t('board.published', { count: result.data!.publishSchedule.publishedCount }) },
    );
    reload();
  }

  return (
    <Stack>
      <PageTitle>{t('board.title')}</PageTitle>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('board.team')}
          value={team?.id ?? ''}
          onChange={(e) => setTeamId(e.currentTarget.value)}
          data={ordered.map((t) => ({ value: t.id, label: `${t.name} (${t.timeZone})` }))}
        />
        <Group gap="xs" align="flex-end">
          <Button variant="default" onClick={() => setWeekOffset(weekOffset - 1)} aria-label={t('board.previousWeek')}>
            ‹
          </Button>
          <Text fw={600} data-testid="board-week" miw={200} ta="center">
            {t('board.week', {
              from: weekStart.toLocaleString(DateTime.DATE_MED),
              to: weekEnd.minus({ days: 1 }).toLocaleString(DateTime.DATE_MED),
            })}
          </Text>
          <Button variant="default" onClick={() => setWeekOffset(weekOffset + 1)} aria-label={t('board.nextWeek')}>
            ›
          </Button>
        </Group>
        <Group gap="xs" ml="auto">
          <Button onClick={() => setGenerating(true)} disabled={!team}>
            {t('board.generate')}
          </Button>
          <Button variant="default" onClick={clear} loading={clearing.fetching} disabled={!drafts}>
            {t('board.clearDrafts', { count: drafts })}
          </Button>
          <Button color="#1e6b2e" onClick={doPublish} loading={publishing.fetching} disabled={!drafts}>
            {t('board.publish', { count: drafts })}
          </Button>
        </Group>
      </Group>
      {notice && (
        <Alert
          color={notice.color}
          title={notice.title}
          withCloseButton
          closeButtonLabel={t('close')}
          onClose={() => setNotice(null)}
          role="status"
          data-testid="board-notice"
        >
          {notice.lines && notice.lines.length > 0 && (
            <List size="sm">
              {notice.lines.map((line, i) => (
                <List.Item key={i}>{line}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {jobId && <JobProgress jobId={jobId} onDone={reload} onClose={() => setJobId(null)} />}
      <QueryState
        fetching={teamsLoading || board.fetching || shiftPage.fetching}
        error={teamsError ?? board.error ?? shiftPage.error}
        empty={team ? (board.data ? agents.length === 0 : undefined) : !teamsLoading}
        emptyText={t('board.empty')}
      >
        <Text size="sm" c="dimmed">
          {t('board.legend', { zone })}
        </Text>
        {shiftPage.data && shifts.length === 0 && (
          <Text c="dimmed" data-testid="empty-state">
            {t('board.noShifts')}
          </Text>
        )}
        {hiddenShifts > 0 && <Text c="orange.9">{t('board.moreShifts', { count: hiddenShifts })}</Text>}
        <ScrollArea>
          <ScheduleBoard
            agents={agents}
            shifts={shifts}
            violations={violations}
            weekStart={weekStart}
            zone={zone}
            onChange={change}
            onOpen={setEditing}
          />
        </ScrollArea>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('board.violations', { count: violations.length })}
          </Title>
          {violations.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('board.noViolations')}
            </Text>
          ) : (
            <List size="sm" data-testid="violations">
              {violations.map((v, i) => (
                <List.Item key={i}>
                  <strong>{v.agent?.name ?? v.agentId}</strong> · {t(`rule.${v.rule}`, { defaultValue: v.rule })} (
                  {t(`enforcement.${v.enforcement}`)}) ·{' '}
                  {v.shifts.map((s) => formatSpan(s.startsAt, s.endsAt, zone)).join(', ')} — {v.message}
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </QueryState>
      {editing && (
        <EditShiftModal
          shift={editing}
          zone={zone}
          onClose={() => setEditing(null)}
          onSave={(s, e) => {
            setEditing(null);
            void change(editing, s, e);
          }}
        />
      )}
      {generating && team && (
        <GenerateModal
          team={team}
          range={range}
          hasDrafts={drafts > 0}
          onClose={() => setGenerating(false)}
          onStarted={(id) => {
            setGenerating(false);
            setJobId(id);
            reload();
          }}
        />
      )}
    </Stack>
  );
}

function EditShiftModal({
  shift,
  zone,
  onClose,
  onSave,
}: {
  shift: BoardShift;
  zone: string;
  onClose: () => void;
  onSave: (start: DateTime, end: DateTime) => void;
}) {
  const { t } = useTranslation();
  const local = (iso: string) => DateTime.fromISO(iso).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
  const [start, setStart] = useState(local(shift.startsAt));
  const [end, setEnd] = useState(local(shift.endsAt));
  const parse = (value: string) => DateTime.fromISO(value, { zone });
  const valid = parse(start).isValid && parse(end).isValid && parse(end) > parse(start);
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('close') }} title={t('board.editTitle')}>
      <Stack>
        <Text size="sm">{t('board.editZone', { zone })}</Text>
        <TextInput
          type="datetime-local"
          label={t('board.starts')}
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
        />
        <TextInput
          type="datetime-local"
          label={t('board.ends')}
          value={end}
          onChange={(e) => setEnd(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button disabled={!valid} onClick={() => onSave(parse(start), parse(end))}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface GenerateModalProps {
  team: { id: string; channels: string[] };
  range: { from: string; to: string };
  hasDrafts: boolean;
  onClose: () => void;
  onStarted: (jobId: string) => void;
}

function GenerateModal({ team, range, hasDrafts, onClose, onStarted }: GenerateModalProps) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<Channel>((team.channels[0] as Channel) ?? 'PHONE');
  const [limit, setLimit] = useState<number>(30);
  const [replace, setReplace] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, clearDrafts] = useMutation(ClearDraftsMutation);
  const [, generate] = useMutation(GenerateMutation);

  async function start() {
    setBusy(true);
    setError(null);
    if (replace && hasDrafts) {
      const cleared = await clearDrafts({ input: { teamId: team.id, ...range } });
      if (cleared.error) {
        setError(errorMessage(cleared.error) ?? '');
        setBusy(false);
        return;
      }
    }
    // Shrinkage: only the unplanned part (coverage already subtracts breaks and time off), see the README.
    const result = await generate({
      input: { teamId: team.id, channel, ...range, shrinkage: 0.1, timeLimitSeconds: limit },
    });
    setBusy(false);
    if (result.error) setError(errorMessage(result.error) ?? '');
    else onStarted(result.data!.generateSchedule.job.id);
  }

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': t('close') }} title={t('generate.title')}>
      <Stack>
        <NativeSelect
          label={t('generate.channel')}
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          data={team.channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <NumberInput
          label={t('generate.timeLimit')}
          min={1}
          max={600}
          value={limit}
          onChange={(v) => setLimit(typeof v === 'number' ? v : 30)}
        />
        <Checkbox
          label={t('generate.replace')}
          checked={replace}
          onChange={(e) => setReplace(e.currentTarget.checked)}
          disabled={!hasDrafts}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button onClick={start} loading={busy}>
            {t('generate.start')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A running generation job: its progress bar, phase, gap; the result when it ends. Polled every second. */
function JobProgress({ jobId, onDone, onClose }: { jobId: string; onDone: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [result, refetch] = useQuery({ query: JobQuery, variables: { id: jobId }, requestPolicy: 'network-only' });
  const job = result.data?.scheduleJob;
  const running = !job || job.status === 'QUEUED' || job.status === 'RUNNING';
  useEffect(() => {
    if (!running) {
      onDone();
      return;
    }
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- poll while running; onDone once when it ends
  }, [running]);
  const number = (n: number | null | undefined, digits = 1) =>
    n === null || n === undefined
      ? '—'
      : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);
  return (
    <Card withBorder data-testid="job-progress">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('generate.progressTitle')}
        </Title>
        {!running && (
          <Button size="xs" variant="default" onClick={onClose}>
            {t('close')}
          </Button>
        )}
      </Group>
      <Progress value={(job?.progress ?? 0) * 100} mt="xs" aria-label={t('generate.progress')} animated={running} />
      <Text size="sm" mt="xs" data-testid="job-status">
        {t(`jobStatus.${job?.status ?? 'QUEUED'}`)}
        {job?.phase && running ? ` · ${t(`jobPhase.${job.phase}`)}` : ''} · {number(job?.elapsedSeconds, 0)} s ·{' '}
        {t('generate.gap')}{' '}
        {job?.mipGap === null || job?.mipGap === undefined ? '—' : `${number(job.mipGap * 100, 2)} %`}
      </Text>
      {job?.result && (
        <Text size="sm" data-testid="job-result">
          {t('generate.result', {
            shifts: job.result.shiftsCreated,
            short: number(job.result.underCoverageAgentHours),
            over: number(job.result.overCoverageAgentHours),
            required: number(job.result.requiredAgentHours),
          })}
        </Text>
      )}
      {job?.error && (
        <Text size="sm" c="red.9">
          {job.error}
        </Text>
      )}
    </Card>
  );
}
