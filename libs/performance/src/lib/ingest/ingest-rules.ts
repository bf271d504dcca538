import {
  isStorableText,
  parseBoolean,
  parseInteger,
  parseSecondsAsMs,
  parseTimestampMs,
  parseUuid,
  textLength,
} from './text-values';

/**
 * The rules of one ingested row, checked in TypeScript for both doors in: the GraphQL batches and the
 * import command (where they run on every line while the previous chunk is being written, on the other
 * core). A row comes in as text fields, as a file has them; it goes out as typed values ready for the
 * database, or as the first rule it breaks (`field` in camelCase, `message`). The rules are listed in
 * the order they are checked, so a row's reason is always the first one that applies. Only what needs
 * the database stays in SQL (a survey's interaction). PostgreSQL's CHECK constraints repeat the rules.
 */

/** Text fields of each kind, as clients and files name them (snake_case here, camelCase outside). */
export const INTERACTION_FIELDS = [
  'source',
  'external_id',
  'channel',
  'agent_id',
  'team_id',
  'customer_ref',
  'category',
  'status',
  'created_at',
  'first_response_at',
  'resolved_at',
  'handle_time_seconds',
  'escalated_to',
  'reopen_count',
  'contacts_to_resolve',
  'complaint',
  'answered_at',
  'abandoned_at',
  'wait_time_seconds',
] as const;

export const SURVEY_FIELDS = [
  'source',
  'external_id',
  'interaction_source',
  'interaction_external_id',
  'agent_id',
  'csat',
  'nps',
  'comment',
  'responded_at',
] as const;

export const STATE_FIELDS = ['agent_id', 'state', 'started_at', 'ended_at'] as const;

export type IngestKind = 'interactions' | 'surveys' | 'states';

export const FIELDS: Record<IngestKind, readonly string[]> = {
  interactions: INTERACTION_FIELDS,
  surveys: SURVEY_FIELDS,
  states: STATE_FIELDS,
};

/** snake_case column → the GraphQL / file field name clients see in rejections. */
export function fieldName(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export type ColumnType = 'text' | 'uuid' | 'timestamptz' | 'integer' | 'smallint' | 'bigint' | 'boolean';

/** What a checked row carries to the database, per kind: column name and type, in order. */
export const COLUMNS: Record<IngestKind, readonly (readonly [string, ColumnType])[]> = {
  interactions: [
    ['source', 'text'],
    ['external_id', 'text'],
    ['channel', 'text'],
    ['team_id', 'uuid'],
    ['agent_id', 'uuid'],
    ['customer_ref', 'text'],
    ['category', 'text'],
    ['status', 'text'],
    ['created_at', 'timestamptz'],
    ['first_response_at', 'timestamptz'],
    ['resolved_at', 'timestamptz'],
    ['handle_time_s', 'integer'],
    ['escalated_to', 'text'],
    ['reopen_count', 'integer'],
    ['contacts_to_resolve', 'integer'],
    ['complaint', 'boolean'],
    ['answered_at', 'timestamptz'],
    ['abandoned_at', 'timestamptz'],
    ['wait_ms', 'bigint'],
  ],
  // `problem`: a rule this row breaks, reported unless the database finds no interaction (which comes first).
  surveys: [
    ['problem', 'text'],
    ['source', 'text'],
    ['external_id', 'text'],
    ['interaction_source', 'text'],
    ['interaction_external_id', 'text'],
    ['agent_id', 'uuid'],
    ['csat', 'smallint'],
    ['nps', 'smallint'],
    ['comment', 'text'],
    ['responded_at', 'timestamptz'],
  ],
  states: [
    ['agent_id', 'uuid'],
    ['team_id', 'uuid'],
    ['state', 'text'],
    ['started_at', 'timestamptz'],
    ['ended_at', 'timestamptz'],
  ],
};

/** A typed value: text, a uuid in canonical form, a number (timestamps as milliseconds since 1970), a boolean. */
export type Value = string | number | boolean | null;

export interface Problem {
  /** camelCase field name, e.g. resolvedAt. */
  field: string;
  message: string;
}

/** Agents of the organisation with their current team, and its teams (canonical uuids). */
export interface KnownPeople {
  agentTeam: ReadonlyMap<string, string>;
  teams: ReadonlySet<string>;
}

const problem = (field: string, message: string): Problem => ({ field, message });
const isProblem = (x: Value[] | Problem): x is Problem => !Array.isArray(x);
export { isProblem };

/**
 * The platform's Channel and LIVE_CHANNELS, as plain text (this file runs in the import's worker thread,
 * which does not load Nest); ingest-rules.spec.ts checks that they stay equal.
 */
export const INGEST_CHANNELS: readonly string[] = [
  'PHONE',
  'EMAIL',
  'CHAT',
  'SOCIAL',
  'WEB',
  'API',
  'MESSAGING',
  'VOICEMAIL',
];
export const INGEST_LIVE_CHANNELS: readonly string[] = ['PHONE', 'CHAT', 'MESSAGING'];
const CHANNELS = new Set(INGEST_CHANNELS);
const LIVE_CHANNELS = new Set(INGEST_LIVE_CHANNELS);
const CHANNEL_LIST = `${INGEST_CHANNELS.slice(0, -1).join(', ')} or ${INGEST_CHANNELS.at(-1)!}`;
const LIVE_LIST = `${INGEST_LIVE_CHANNELS.slice(0, -1).join(', ')} and ${INGEST_LIVE_CHANNELS.at(-1)!}`;
const STATUSES = new Set(['OPEN', 'RESOLVED', 'ESCALATED']);
const STATES = new Set(['AVAILABLE', 'BUSY', 'AFTER_CALL_WORK', 'BREAK', 'OFFLINE']);
const DAY_MS = 86_400_000;

const between = (value: number | null, min: number, max: number) => value !== null && value >= min && value <= max;

/** The first field (in `fields` order) whose text PostgreSQL could not store at all. */
function unstorable(raw: readonly (string | null)[], fields: readonly string[]): Problem | null {
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (v !== null && v !== undefined && !isStorableText(v))
      return problem(fieldName(fields[i]!), 'must be text without NUL characters or unpaired surrogates');
  }
  return null;
}

/** One interaction (text fields in INTERACTION_FIELDS order) → typed values in COLUMNS.interactions order, or its problem. */
export function checkInteraction(raw: readonly (string | null)[], known: KnownPeople): Value[] | Problem {
  const bad = unstorable(raw, INTERACTION_FIELDS);
  if (bad) return bad;
  const [
    source,
    externalId,
    channel,
    agentText,
    teamText,
    customerRef,
    category,
    status,
    createdText,
    firstResponseText,
    resolvedText,
    handleText,
    escalatedTo,
    reopenText,
    contactsText,
    complaintText,
    answeredText,
    abandonedText,
    waitText,
  ] = raw as (string | null)[];
  if (source === null || source === undefined || !between(textLength(source), 1, 64))
    return problem('source', 'is required, 1 to 64 characters');
  if (externalId === null || externalId === undefined || !between(textLength(externalId), 1, 200))
    return problem('externalId', 'is required, 1 to 200 characters');
  if (channel === null || channel === undefined || !CHANNELS.has(channel))
    return problem('channel', `must be ${CHANNEL_LIST}`);
  let agentId: string | null = null;
  let agentTeam: string | null = null;
  if (agentText != null) {
    agentId = parseUuid(agentText);
    if (agentId === null) return problem('agentId', 'must be an agent id (uuid)');
    agentTeam = known.agentTeam.get(agentId) ?? null;
    if (agentTeam === null) return problem('agentId', 'is not an agent of this organisation');
  }
  let teamId: string | null = null;
  if (teamText != null) {
    teamId = parseUuid(teamText);
    if (teamId === null) return problem('teamId', 'must be a team id (uuid)');
    if (!known.teams.has(teamId)) return problem('teamId', 'is not a team of this organisation');
  }
  if (teamText == null && agentText == null) return problem('teamId', 'is required when no agentId is given');
  if (customerRef != null && textLength(customerRef) > 200)
    return problem('customerRef', 'must be at most 200 characters');
  if (category != null && !between(textLength(category), 1, 100))
    return problem('category', 'must be 1 to 100 characters');
  if (status == null || !STATUSES.has(status)) return problem('status', 'must be OPEN, RESOLVED or ESCALATED');
  const createdAt = createdText == null ? null : parseTimestampMs(createdText);
  if (createdAt === null) return problem('createdAt', 'is required, an ISO 8601 date-time with an offset');
  const times: (number | null)[] = [];
  for (const [text, field] of [
    [firstResponseText, 'firstResponseAt'],
    [resolvedText, 'resolvedAt'],
    [answeredText, 'answeredAt'],
    [abandonedText, 'abandonedAt'],
  ] as const) {
    const t = text == null ? null : parseTimestampMs(text);
    if (text != null && t === null) return problem(field, 'must be an ISO 8601 date-time with an offset');
    times.push(t);
  }
  const [firstResponseAt, resolvedAt, answeredAt, abandonedAt] = times as [
    number | null,
    number | null,
    number | null,
    number | null,
  ];
  const handleTime = handleText == null ? null : parseInteger(handleText);
  if (handleText != null && !between(handleTime, 0, 604800))
    return problem('handleTimeSeconds', 'must be a whole number of seconds, 0 to 604800');
  const reopenCount = reopenText == null ? null : parseInteger(reopenText);
  if (reopenText != null && !between(reopenCount, 0, 1000))
    return problem('reopenCount', 'must be a whole number, 0 to 1000');
  const contacts = contactsText == null ? null : parseInteger(contactsText);
  if (contactsText != null && !between(contacts, 1, 1000))
    return problem('contactsToResolve', 'must be a whole number, 1 to 1000');
  const complaint = complaintText == null ? null : parseBoolean(complaintText);
  if (complaintText != null && complaint === null) return problem('complaint', 'must be true or false');
  const givenWait = waitText == null ? null : parseSecondsAsMs(waitText, 0, 86400);
  if (waitText != null && !givenWait?.inRange) return problem('waitTimeSeconds', 'must be seconds, 0 to 86400');
  if (firstResponseAt !== null && firstResponseAt < createdAt) return problem('firstResponseAt', 'is before createdAt');
  if (resolvedAt !== null && resolvedAt < createdAt) return problem('resolvedAt', 'is before createdAt');
  if (status === 'RESOLVED' && resolvedAt === null) return problem('resolvedAt', 'is required when status is RESOLVED');
  if (status === 'ESCALATED' && escalatedTo == null)
    return problem('escalatedTo', 'is required when status is ESCALATED');
  if (escalatedTo != null && !between(textLength(escalatedTo), 1, 100))
    return problem('escalatedTo', 'must be 1 to 100 characters');
  if (!LIVE_CHANNELS.has(channel) && (answeredText != null || abandonedText != null || waitText != null)) {
    return problem('answeredAt', `answeredAt, abandonedAt and waitTimeSeconds apply to ${LIVE_LIST} only`);
  }
  if (answeredAt !== null && abandonedAt !== null)
    return problem('abandonedAt', 'a contact is either answered or abandoned, not both');
  if (answeredAt !== null && answeredAt < createdAt) return problem('answeredAt', 'is before createdAt');
  if (abandonedAt !== null && abandonedAt < createdAt) return problem('abandonedAt', 'is before createdAt');
  const queueEnd = answeredAt ?? abandonedAt;
  const waitMs = givenWait?.ms ?? (queueEnd === null ? null : queueEnd - createdAt);
  if (waitMs !== null && waitMs > DAY_MS) return problem('waitTimeSeconds', 'must be at most a day');
  return [
    source,
    externalId,
    channel,
    teamId ?? agentTeam,
    agentId,
    customerRef ?? null,
    category ?? null,
    status,
    createdAt,
    firstResponseAt,
    resolvedAt,
    handleTime,
    escalatedTo ?? null,
    reopenCount ?? 0,
    contacts,
    complaint ?? false,
    answeredAt,
    abandonedAt,
    waitMs,
  ];
}

/**
 * One survey response (text fields in SURVEY_FIELDS order). Rules before the interaction lookup refuse the
 * row here; rules after it travel with the row as `problem` (`field|message`), because "names no
 * interaction", checked in SQL, comes first.
 */
export function checkSurvey(raw: readonly (string | null)[], known: KnownPeople): Value[] | Problem {
  const bad = unstorable(raw, SURVEY_FIELDS);
  if (bad) return bad;
  const [
    source,
    externalId,
    interactionSource,
    interactionExternalId,
    agentText,
    csatText,
    npsText,
    comment,
    respondedText,
  ] = raw as (string | null)[];
  if (source == null || !between(textLength(source), 1, 64))
    return problem('source', 'is required, 1 to 64 characters');
  if (externalId == null || !between(textLength(externalId), 1, 200))
    return problem('externalId', 'is required, 1 to 200 characters');
  if (interactionExternalId == null) return problem('interactionExternalId', 'is required');
  const agentId = agentText == null ? null : parseUuid(agentText);
  const csat = csatText == null ? null : parseInteger(csatText);
  const nps = npsText == null ? null : parseInteger(npsText);
  const respondedAt = respondedText == null ? null : parseTimestampMs(respondedText);
  let later: Problem | null = null;
  if (agentText != null && agentId === null) later = problem('agentId', 'must be an agent id (uuid)');
  else if (agentId !== null && !known.agentTeam.has(agentId))
    later = problem('agentId', 'is not an agent of this organisation');
  else if (csatText == null && npsText == null)
    later = problem('csat', 'a response needs a CSAT score, an NPS score or both');
  else if (csatText != null && !between(csat, 1, 5)) later = problem('csat', 'must be a whole number from 1 to 5');
  else if (npsText != null && !between(nps, 0, 10)) later = problem('nps', 'must be a whole number from 0 to 10');
  else if (comment != null && textLength(comment) > 5000) later = problem('comment', 'must be at most 5000 characters');
  else if (respondedAt === null) later = problem('respondedAt', 'is required, an ISO 8601 date-time with an offset');
  return [
    later ? `${later.field}|${later.message}` : null,
    source,
    externalId,
    interactionSource ?? source,
    interactionExternalId,
    agentId,
    between(csat, 1, 5) ? csat : null,
    between(nps, 0, 10) ? nps : null,
    comment ?? null,
    respondedAt,
  ];
}

/** One agent state event (text fields in STATE_FIELDS order) → typed values in COLUMNS.states order, or its problem. */
export function checkState(raw: readonly (string | null)[], known: KnownPeople): Value[] | Problem {
  const bad = unstorable(raw, STATE_FIELDS);
  if (bad) return bad;
  const [agentText, state, startedText, endedText] = raw as (string | null)[];
  const agentId = agentText == null ? null : parseUuid(agentText);
  if (agentId === null) return problem('agentId', 'is required, an agent id (uuid)');
  const teamId = known.agentTeam.get(agentId);
  if (teamId === undefined) return problem('agentId', 'is not an agent of this organisation');
  if (state == null || !STATES.has(state))
    return problem('state', 'must be AVAILABLE, BUSY, AFTER_CALL_WORK, BREAK or OFFLINE');
  const startedAt = startedText == null ? null : parseTimestampMs(startedText);
  if (startedAt === null) return problem('startedAt', 'is required, an ISO 8601 date-time with an offset');
  const endedAt = endedText == null ? null : parseTimestampMs(endedText);
  if (endedAt === null) return problem('endedAt', 'is required, an ISO 8601 date-time with an offset');
  if (endedAt <= startedAt) return problem('endedAt', 'must be after startedAt');
  if (endedAt - startedAt > DAY_MS)
    return problem('endedAt', 'a state event lasts at most 24 hours (split longer ones)');
  return [agentId, teamId, state, startedAt, endedAt];
}

export const CHECKS: Record<IngestKind, (raw: readonly (string | null)[], known: KnownPeople) => Value[] | Problem> = {
  interactions: checkInteraction,
  surveys: checkSurvey,
  states: checkState,
};

/**
 * The key that identifies a checked row (two rows with the same key in one batch: the last wins), or
 * null for surveys, whose duplicates are settled in SQL after the interaction lookup.
 */
export const KEY_OF: Record<IngestKind, ((values: readonly Value[]) => string) | null> = {
  interactions: (v) => `${v[0] as string}\u0000${v[1] as string}`,
  surveys: null,
  states: (v) => `${v[0] as string}\u0000${v[3] as number}`,
};

/** The rejection of the earlier of two rows with the same key (named by its last field). */
export const REPEATED: Record<IngestKind, (later: number) => Problem> = {
  interactions: (later) => problem('externalId', `is repeated further on (at ${later}); the last one is kept`),
  surveys: (later) => problem('externalId', `is repeated further on (at ${later}); the last one is kept`),
  states: (later) => problem('startedAt', `is repeated further on (at ${later}); the last one is kept`),
};

/** Distinct uuids named in one field of raw rows (canonical form), e.g. the agents a batch names. */
export function namedIds(rows: readonly (readonly (string | null)[])[], position: number): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const text = row[position];
    if (text == null) continue;
    const id = parseUuid(text);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}
