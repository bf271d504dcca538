import { channelOf, escalationOf, mapRow, priorityOf, statusOf } from './common';
import {
  ConnectorInputError,
  ConnectorOptions,
  ContactChannel,
  ContactRejection,
  ContactSatisfaction,
  NormalisedContact,
  NormalisedSurvey,
  VendorMetrics,
  VendorMinutes,
} from './contact';
import {
  RowProblem,
  isRecord,
  optionalCount,
  optionalId,
  optionalInstant,
  optionalText,
  plusMinutes,
  plusSeconds,
  requiredId,
  requiredInstant,
  stringList,
} from './values';

/**
 * Zendesk Support: the incremental ticket export (`/api/v2/incremental/tickets/cursor.json` or the
 * time-based `/api/v2/incremental/tickets.json`, with `include=metric_sets[,users]`), its tickets'
 * satisfaction and the satisfaction ratings API. Field names follow Zendesk's public API reference.
 */

/**
 * Zendesk channel → ours. Keys are both spellings Zendesk uses: the ticket's `via.channel` (web, email,
 * api, voice, chat…) and the via types that webhooks carry (web_form, mail, web_service, voicemail…).
 * docs/help-desk.md explains each choice.
 */
export const ZENDESK_CHANNELS: Readonly<Record<string, ContactChannel>> = {
  web: 'WEB',
  web_form: 'WEB',
  web_widget: 'WEB',
  help_center: 'WEB',
  helpcenter: 'WEB',
  dropbox: 'WEB', // the feedback tab
  topic: 'WEB',
  batch: 'WEB',
  mobile: 'WEB', // Zendesk's mobile agent apps
  closed_ticket: 'WEB', // a follow-up to a closed ticket
  email: 'EMAIL',
  mail: 'EMAIL',
  api: 'API',
  web_service: 'API',
  rule: 'API', // created by a trigger or automation
  sample_ticket: 'API',
  ticket_sharing: 'API',
  side_conversation: 'API',
  linked_problem: 'API',
  merge: 'API',
  blog: 'API',
  any_channel: 'API',
  chat: 'CHAT',
  chat_transcript: 'CHAT',
  voice: 'PHONE',
  phone_call_inbound: 'PHONE',
  phone_call_outbound: 'PHONE',
  voicemail: 'VOICEMAIL',
  twitter: 'SOCIAL',
  twitter_favorite: 'SOCIAL',
  facebook: 'SOCIAL',
  facebook_post: 'SOCIAL',
  twitter_dm: 'MESSAGING',
  facebook_message: 'MESSAGING',
  instagram_dm: 'MESSAGING',
  native_messaging: 'MESSAGING',
  messaging: 'MESSAGING',
  mobile_sdk: 'MESSAGING',
  sms: 'MESSAGING',
  text_message: 'MESSAGING',
  whatsapp: 'MESSAGING',
  line: 'MESSAGING',
  wechat: 'MESSAGING',
  telegram: 'MESSAGING',
  viber: 'MESSAGING',
  apple_business_chat: 'MESSAGING',
  google_rcs: 'MESSAGING',
  kakaotalk: 'MESSAGING',
};

/** Zendesk status → resolved? (new/open/pending/hold are unresolved; see docs/help-desk.md). */
const RESOLVED_STATUSES = new Set(['solved', 'closed', 'archived']);
const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);
const GONE_STATUSES = new Set(['deleted', 'scrubbed']);

/** Satisfaction scores: answered ones on our 1–5 scale; good/bad is a two-point survey (docs/help-desk.md). */
const ZENDESK_CSAT: Record<string, number | null> = {
  good: 5,
  good_with_comment: 5,
  bad: 1,
  bad_with_comment: 1,
  offered: null,
  unoffered: null,
};

export interface ZendeskPageCursor {
  /** Cursor-based export: the cursor for the next request. */
  afterCursor: string | null;
  /** Time-based export: the start_time for the next request (epoch seconds) and the next page's URL. */
  endTime: number | null;
  nextPage: string | null;
  endOfStream: boolean;
}

export interface ZendeskExportPage {
  contacts: NormalisedContact[];
  rejected: ContactRejection[];
  cursor: ZendeskPageCursor;
}

/** The vendor's ids are numbers; an agent or group reference names the source, kind and id. */
const userRef = (source: string, id: string) => `${source}:user:${id}`;
const groupRef = (source: string, id: string) => `${source}:group:${id}`;

function minutes(value: unknown, field: string): VendorMinutes | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new RowProblem(field, 'must be an object { calendar, business }');
  const read = (key: 'calendar' | 'business') => {
    const v = value[key];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RowProblem(`${field}.${key}`, 'must be a number of minutes ≥ 0');
    return v;
  };
  return { calendar: read('calendar'), business: read('business') };
}

function vendorMetrics(set: Record<string, unknown>, field: string): VendorMetrics {
  const seconds = set['reply_time_in_seconds'];
  const replySeconds =
    isRecord(seconds) && typeof seconds['calendar'] === 'number' && seconds['calendar'] >= 0
      ? seconds['calendar']
      : null;
  return {
    firstReplyMinutes: minutes(set['reply_time_in_minutes'], `${field}.reply_time_in_minutes`),
    firstReplySeconds: replySeconds,
    firstResolutionMinutes: minutes(
      set['first_resolution_time_in_minutes'],
      `${field}.first_resolution_time_in_minutes`,
    ),
    fullResolutionMinutes: minutes(set['full_resolution_time_in_minutes'], `${field}.full_resolution_time_in_minutes`),
    requesterWaitMinutes: minutes(set['requester_wait_time_in_minutes'], `${field}.requester_wait_time_in_minutes`),
    onHoldMinutes: minutes(set['on_hold_time_in_minutes'], `${field}.on_hold_time_in_minutes`),
  };
}

/** The ticket's `satisfaction_rating` (`{ id, score, comment }`) or null. */
function satisfactionOf(value: unknown, field: string): ContactSatisfaction | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new RowProblem(field, 'must be an object { score, … }');
  const score = typeof value['score'] === 'string' ? value['score'].toLowerCase() : null;
  if (score === null || !(score in ZENDESK_CSAT))
    throw new RowProblem(`${field}.score`, 'must be good, bad, offered or unoffered');
  return {
    vendorValue: score,
    csat: ZENDESK_CSAT[score]!,
    offered: score !== 'unoffered',
    ratingId: optionalId(value['id'], `${field}.id`),
    comment: optionalText(value['comment'], `${field}.comment`, 5000),
    respondedAt: optionalInstant(value['updated_at'] ?? value['created_at'], `${field}.updated_at`),
  };
}

/** `via.channel` (plus `via.source.rel` for calls: a voice ticket whose rel is voicemail is a VOICEMAIL). */
export function zendeskChannel(
  via: unknown,
  options: ConnectorOptions,
  field: string,
): { channel: ContactChannel; vendorChannel: string } {
  if (!isRecord(via)) throw new RowProblem(field, 'is required, an object { channel }');
  const name = via['channel'];
  if (typeof name !== 'string' && typeof name !== 'number') throw new RowProblem(`${field}.channel`, 'is required');
  const vendor = String(name);
  const rel = isRecord(via['source']) && typeof via['source']['rel'] === 'string' ? via['source']['rel'] : null;
  if (vendor.toLowerCase() === 'voice' && rel !== null && rel.toLowerCase() === 'voicemail') {
    return {
      channel: channelOf('voicemail', ZENDESK_CHANNELS, options, `${field}.source.rel`),
      vendorChannel: `voice/${rel}`,
    };
  }
  return { channel: channelOf(vendor, ZENDESK_CHANNELS, options, `${field}.channel`), vendorChannel: vendor };
}

export interface ZendeskSideloads {
  /** metric_sets by ticket id. */
  metricSets?: ReadonlyMap<string, Record<string, unknown>>;
  /** users' emails by user id. */
  emails?: ReadonlyMap<string, string>;
}

/**
 * One Zendesk ticket (as the export or the tickets API gives it) with its metric set → a normalised
 * contact; throws RowProblem (field relative to the ticket) when it cannot be mapped.
 */
export function mapZendeskTicket(
  ticket: unknown,
  sideloads: ZendeskSideloads = {},
  options: ConnectorOptions = {},
): NormalisedContact {
  if (!isRecord(ticket)) throw new RowProblem('', 'must be a ticket object');
  const source = options.source ?? 'zendesk';
  const externalId = requiredId(ticket['id'], 'id');
  const vendorStatus = typeof ticket['status'] === 'string' ? ticket['status'].toLowerCase() : '';
  if (GONE_STATUSES.has(vendorStatus))
    throw new RowProblem('status', `the ticket is ${vendorStatus} in Zendesk: not imported`);
  if (!RESOLVED_STATUSES.has(vendorStatus) && !OPEN_STATUSES.has(vendorStatus)) {
    throw new RowProblem('status', 'must be new, open, pending, hold, solved or closed');
  }
  const createdAt = requiredInstant(ticket['created_at'], 'created_at');
  let updatedAt = requiredInstant(ticket['updated_at'], 'updated_at');
  const { channel, vendorChannel } = zendeskChannel(ticket['via'], options, 'via');
  const assignee = optionalId(ticket['assignee_id'], 'assignee_id');
  const group = optionalId(ticket['group_id'], 'group_id');
  const requester = optionalId(ticket['requester_id'], 'requester_id');
  const tags = stringList(ticket['tags'], 'tags');
  const vendorPriority = optionalText(ticket['priority'], 'priority', 50)?.toLowerCase() ?? null;
  const category = optionalText(ticket['type'], 'type', 100)?.toLowerCase() ?? null;
  const satisfaction = satisfactionOf(ticket['satisfaction_rating'], 'satisfaction_rating');

  // The metric set: sideloaded (include=metric_sets) or embedded in the ticket.
  const embedded = isRecord(ticket['metric_set']) ? ticket['metric_set'] : null;
  const set = sideloads.metricSets?.get(externalId) ?? embedded;
  const setField =
    embedded && !sideloads.metricSets?.has(externalId) ? 'metric_set' : `metric_sets[ticket_id=${externalId}]`;
  let metrics: VendorMetrics | null = null;
  let firstResponseAt: string | null = null;
  let firstResponseExact = false;
  let resolvedAt: string | null = null;
  let lastResolvedAt: string | null = null;
  let reopenCount: number | null = null;
  let replyCount: number | null = null;
  if (set) {
    metrics = vendorMetrics(set, setField);
    reopenCount = optionalCount(set['reopens'], `${setField}.reopens`);
    replyCount = optionalCount(set['replies'], `${setField}.replies`);
    const setUpdated = optionalInstant(set['updated_at'], `${setField}.updated_at`);
    if (setUpdated !== null && setUpdated > updatedAt) updatedAt = setUpdated; // the metrics are part of the version
    // Zendesk gives no first-reply timestamp: creation + reply time (seconds for messaging, else minutes).
    if (metrics.firstReplySeconds !== null) {
      firstResponseAt = plusSeconds(createdAt, metrics.firstReplySeconds);
      firstResponseExact = true;
    } else if (metrics.firstReplyMinutes?.calendar != null) {
      firstResponseAt = plusMinutes(createdAt, metrics.firstReplyMinutes.calendar);
    }
    const solvedAt = optionalInstant(set['solved_at'], `${setField}.solved_at`);
    lastResolvedAt =
      solvedAt ??
      (metrics.fullResolutionMinutes?.calendar != null
        ? plusMinutes(createdAt, metrics.fullResolutionMinutes.calendar)
        : null);
    // Never reopened: the only resolution is solved_at, to the second; otherwise creation + first resolution minutes.
    if (solvedAt !== null && reopenCount === 0) resolvedAt = solvedAt;
    else if (metrics.firstResolutionMinutes?.calendar != null)
      resolvedAt = plusMinutes(createdAt, metrics.firstResolutionMinutes.calendar);
    else resolvedAt = reopenCount === 0 ? lastResolvedAt : null;
  }
  const resolved = RESOLVED_STATUSES.has(vendorStatus);
  if (resolved && resolvedAt === null) {
    throw new RowProblem(
      set ? `${setField}.first_resolution_time_in_minutes` : 'metric_set',
      'a solved ticket needs its ticket metrics (export with include=metric_sets) to say when it was resolved',
    );
  }
  const escalatedTo = escalationOf(tags, options);
  return {
    source,
    externalId,
    externalUpdatedAt: updatedAt,
    channel,
    vendorChannel,
    agent:
      assignee === null ? null : { ref: userRef(source, assignee), email: sideloads.emails?.get(assignee) ?? null },
    group: group === null ? null : { ref: groupRef(source, group) },
    customerRef: requester === null ? null : userRef(source, requester),
    category,
    createdAt,
    firstResponseAt,
    firstResponseExact,
    resolvedAt,
    lastResolvedAt,
    reopenCount,
    reopenedAt: [],
    replyCount,
    status: statusOf(resolved, escalatedTo),
    vendorStatus,
    escalatedTo,
    satisfaction,
    priority: priorityOf(vendorPriority),
    vendorPriority,
    tags,
    vendorMetrics: metrics,
  };
}

function sideloadsOf(page: Record<string, unknown>): ZendeskSideloads {
  const metricSets = new Map<string, Record<string, unknown>>();
  const sets = page['metric_sets'];
  if (sets !== undefined && sets !== null) {
    if (!Array.isArray(sets)) throw new ConnectorInputError('metric_sets', 'must be a list');
    for (const set of sets) {
      if (!isRecord(set)) continue;
      const id = set['ticket_id'];
      if (typeof id === 'number' || typeof id === 'string') metricSets.set(String(id), set);
    }
  }
  const emails = new Map<string, string>();
  const users = page['users'];
  if (Array.isArray(users)) {
    for (const user of users) {
      if (
        isRecord(user) &&
        (typeof user['id'] === 'number' || typeof user['id'] === 'string') &&
        typeof user['email'] === 'string'
      ) {
        emails.set(String(user['id']), user['email'].trim().toLowerCase());
      }
    }
  }
  return { metricSets, emails };
}

/**
 * One page of the incremental ticket export (cursor-based or time-based, parsed JSON) → its contacts,
 * its rejected tickets (each with the ticket id and the field), and where the next request starts.
 * Throws ConnectorInputError when the page itself is not an export page.
 */
export function mapZendeskExportPage(page: unknown, options: ConnectorOptions = {}): ZendeskExportPage {
  if (!isRecord(page)) throw new ConnectorInputError('', 'must be a JSON object from the incremental ticket export');
  const tickets = page['tickets'];
  if (!Array.isArray(tickets))
    throw new ConnectorInputError('tickets', 'must be a list (is this an incremental ticket export page?)');
  const sideloads = sideloadsOf(page);
  const contacts: NormalisedContact[] = [];
  const rejected: ContactRejection[] = [];
  tickets.forEach((ticket, index) => {
    const vendorId =
      isRecord(ticket) && (typeof ticket['id'] === 'number' || typeof ticket['id'] === 'string')
        ? String(ticket['id'])
        : null;
    const result = mapRow(index, vendorId, `tickets.${index}.`, () => mapZendeskTicket(ticket, sideloads, options));
    if ('value' in result) contacts.push(result.value);
    else rejected.push({ ...result.rejection, field: result.rejection.field.replace(/\.$/, '') });
  });
  const text = (key: string) => (typeof page[key] === 'string' ? (page[key] as string) : null);
  return {
    contacts,
    rejected,
    cursor: {
      afterCursor: text('after_cursor'),
      endTime: typeof page['end_time'] === 'number' ? page['end_time'] : null,
      nextPage: text('next_page') ?? text('after_url'),
      endOfStream: page['end_of_stream'] === true,
    },
  };
}

/**
 * The satisfaction ratings API (`/api/v2/satisfaction_ratings`, a page `{ satisfaction_ratings: [...] }`
 * or the list itself) → survey answers. Only answered ratings (good, bad) become answers; offered and
 * unoffered ones are skipped, not rejected.
 */
export function mapZendeskSatisfactionRatings(
  page: unknown,
  options: ConnectorOptions = {},
): { surveys: NormalisedSurvey[]; rejected: ContactRejection[] } {
  const list = Array.isArray(page) ? page : isRecord(page) ? page['satisfaction_ratings'] : undefined;
  if (!Array.isArray(list))
    throw new ConnectorInputError('satisfaction_ratings', 'must be a list of satisfaction ratings');
  const source = options.source ?? 'zendesk';
  const surveys: NormalisedSurvey[] = [];
  const rejected: ContactRejection[] = [];
  list.forEach((rating, index) => {
    const vendorId =
      isRecord(rating) && (typeof rating['id'] === 'number' || typeof rating['id'] === 'string')
        ? String(rating['id'])
        : null;
    const result = mapRow(index, vendorId, `satisfaction_ratings.${index}.`, (): NormalisedSurvey | null => {
      if (!isRecord(rating)) throw new RowProblem('', 'must be a satisfaction rating object');
      const score = typeof rating['score'] === 'string' ? rating['score'].toLowerCase() : '';
      if (!(score in ZENDESK_CSAT)) throw new RowProblem('score', 'must be good, bad, offered or unoffered');
      const csat = ZENDESK_CSAT[score]!;
      if (csat === null) return null;
      const assignee = optionalId(rating['assignee_id'], 'assignee_id');
      const group = optionalId(rating['group_id'], 'group_id');
      return {
        source,
        externalId: requiredId(rating['id'], 'id'),
        contactExternalId: requiredId(rating['ticket_id'], 'ticket_id'),
        agent: assignee === null ? null : { ref: userRef(source, assignee), email: null },
        group: group === null ? null : { ref: groupRef(source, group) },
        csat,
        nps: null,
        vendorValue: score,
        comment: optionalText(rating['comment'], 'comment', 5000),
        respondedAt: requiredInstant(rating['updated_at'] ?? rating['created_at'], 'updated_at'),
      };
    });
    if ('value' in result) {
      if (result.value !== null) surveys.push(result.value);
    } else rejected.push(result.rejection);
  });
  return { surveys, rejected };
}
