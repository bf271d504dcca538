import { CHANNELS, LIVE_CHANNELS } from '@deskforce/platform';
import { checkBatch, RawRow } from '../ingest.service';
import {
  checkInteraction,
  checkState,
  checkSurvey,
  FIELDS,
  INGEST_CHANNELS,
  INGEST_LIVE_CHANNELS,
  KnownPeople,
} from './ingest-rules';

const AGENT = '11111111-1111-1111-1111-111111111111';
const TEAM = '22222222-2222-2222-2222-222222222222';
const known: KnownPeople = { agentTeam: new Map([[AGENT, TEAM]]), teams: new Set([TEAM]) };

/** Text fields by name → positional raw row. */
function raw(kind: keyof typeof FIELDS, fields: Record<string, string>): (string | null)[] {
  return FIELDS[kind].map((f) => fields[f] ?? null);
}

const contact = (fields: Record<string, string> = {}) =>
  raw('interactions', {
    source: 'zendesk',
    external_id: 'e1',
    channel: 'PHONE',
    agent_id: AGENT,
    status: 'OPEN',
    created_at: '2026-04-01T09:00:00Z',
    ...fields,
  });

describe('ingest rules', () => {
  it("takes the platform's channels, and its live ones, exactly", () => {
    expect(INGEST_CHANNELS).toEqual(CHANNELS);
    expect(INGEST_LIVE_CHANNELS).toEqual(LIVE_CHANNELS);
  });

  it('stores the help-desk channels natively; the queue fields only on live channels (MESSAGING is one)', () => {
    for (const channel of ['WEB', 'API', 'MESSAGING', 'VOICEMAIL']) {
      const values = checkInteraction(contact({ channel }), known) as unknown[];
      expect(values[2]).toBe(channel);
    }
    const messaging = checkInteraction(
      contact({ channel: 'MESSAGING', answered_at: '2026-04-01T09:01:00Z' }),
      known,
    ) as unknown[];
    expect(messaging[18]).toBe(60_000); // the wait, from answeredAt − createdAt
    for (const channel of ['WEB', 'API', 'VOICEMAIL']) {
      expect(checkInteraction(contact({ channel, abandoned_at: '2026-04-01T09:01:00Z' }), known)).toEqual({
        field: 'answeredAt',
        message: 'answeredAt, abandonedAt and waitTimeSeconds apply to PHONE, CHAT and MESSAGING only',
      });
    }
    expect(checkInteraction(contact({ channel: 'PIGEON' }), known)).toEqual({
      field: 'channel',
      message: 'must be PHONE, EMAIL, CHAT, SOCIAL, WEB, API, MESSAGING or VOICEMAIL',
    });
  });

  it('types a valid interaction: the agent normalised, its team filled in, the wait derived', () => {
    const values = checkInteraction(
      contact({ agent_id: AGENT.toUpperCase(), answered_at: '2026-04-01T09:00:12.5Z', complaint: 'yes' }),
      known,
    );
    expect(values).toEqual([
      'zendesk',
      'e1',
      'PHONE',
      TEAM,
      AGENT,
      null,
      null,
      'OPEN',
      Date.parse('2026-04-01T09:00:00Z'),
      null,
      null,
      null,
      null,
      0,
      null,
      true,
      Date.parse('2026-04-01T09:00:12.5Z'),
      null,
      12500,
    ]);
  });

  it('names the first rule a row breaks, in the documented order', () => {
    // Bad status and a resolution before creation: the status rule comes first.
    expect(checkInteraction(contact({ status: 'DONE', resolved_at: '2026-04-01T08:00:00Z' }), known)).toEqual({
      field: 'status',
      message: 'must be OPEN, RESOLVED or ESCALATED',
    });
    expect(checkInteraction(contact({ status: 'RESOLVED', resolved_at: '2026-04-01T08:00:00Z' }), known)).toEqual({
      field: 'resolvedAt',
      message: 'is before createdAt',
    });
    expect(checkInteraction(contact({ agent_id: '33333333-3333-3333-3333-333333333333' }), known)).toEqual({
      field: 'agentId',
      message: 'is not an agent of this organisation',
    });
    expect(checkInteraction(contact({ channel: 'EMAIL', wait_time_seconds: '3' }), known)).toEqual({
      field: 'answeredAt',
      message: 'answeredAt, abandonedAt and waitTimeSeconds apply to PHONE, CHAT and MESSAGING only',
    });
    expect(checkInteraction(contact({ answered_at: '2026-04-03T09:00:01Z' }), known)).toEqual({
      field: 'waitTimeSeconds',
      message: 'must be at most a day',
    });
    expect(checkInteraction(contact({ category: 'a\u0000b' }), known)).toEqual({
      field: 'category',
      message: 'must be text without NUL characters or unpaired surrogates',
    });
  });

  it('lets a survey rule wait for the interaction look-up, which is checked first in SQL', () => {
    const values = checkSurvey(
      raw('surveys', {
        source: 'zendesk',
        external_id: 'r1',
        interaction_external_id: 'e1',
        csat: '7',
        responded_at: '2026-04-02T00:00:00Z',
      }),
      known,
    );
    expect(Array.isArray(values) && values[0]).toBe('csat|must be a whole number from 1 to 5');
    expect(checkSurvey(raw('surveys', { source: 'zendesk', external_id: 'r1', csat: '5' }), known)).toEqual({
      field: 'interactionExternalId',
      message: 'is required',
    });
  });

  it('checks agent states', () => {
    const state = (fields: Record<string, string>) =>
      raw('states', { agent_id: AGENT, state: 'BUSY', started_at: '2026-04-01T10:00:00Z', ...fields });
    expect(checkState(state({ ended_at: '2026-04-01T09:00:00Z' }), known)).toEqual({
      field: 'endedAt',
      message: 'must be after startedAt',
    });
    expect(checkState(state({ ended_at: '2026-04-02T10:00:01Z' }), known)).toEqual({
      field: 'endedAt',
      message: 'a state event lasts at most 24 hours (split longer ones)',
    });
    expect(checkState(state({ ended_at: '2026-04-01T11:00:00Z' }), known)).toEqual([
      AGENT,
      TEAM,
      'BUSY',
      Date.parse('2026-04-01T10:00:00Z'),
      Date.parse('2026-04-01T11:00:00Z'),
    ]);
  });

  it('keeps the last of two valid rows with the same key; an invalid repeat does not hide a valid one', () => {
    const batch: RawRow[] = [
      { idx: 0, raw: contact() },
      { idx: 1, raw: contact({ external_id: 'e2' }) },
      { idx: 2, raw: contact({ channel: 'CHAT' }) },
      { idx: 3, raw: contact({ external_id: 'e2', status: 'NOPE' }) },
    ];
    const checked = checkBatch('interactions', batch, known);
    expect(checked.rows.map((r) => r.idx)).toEqual([1, 2]);
    expect(checked.rejected).toEqual([
      { index: 3, field: 'status', message: 'must be OPEN, RESOLVED or ESCALATED' },
      { index: 0, field: 'externalId', message: 'is repeated further on (at 2); the last one is kept' },
    ]);
  });
});
