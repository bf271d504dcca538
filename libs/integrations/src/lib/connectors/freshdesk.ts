import { channelOf, escalationOf, mapRow, statusOf } from './common';
import {
  ConnectorInputError,
  ConnectorOptions,
  ContactChannel,
  ContactPriority,
  ContactRejection,
  NormalisedContact,
  NormalisedSurvey,
} from './contact';
import {
  RowProblem,
  isRecord,
  optionalId,
  optionalInstant,
  optionalText,
  requiredId,
  requiredInstant,
  stringList,
} from './values';

/**
 * Freshdesk: the tickets API (`GET /api/v2/tickets?include=stats`, a JSON list of tickets, or one ticket
 * from `GET /api/v2/tickets/{id}?include=stats`) and the satisfaction ratings API
 * (`GET /api/v2/surveys/satisfaction_ratings`). Statuses, sources and priorities are numbers.
 */

/** Freshdesk `source` → ours (1–10 as Freshdesk documents them; add others through channelMap). */
export const FRESHDESK_CHANNELS: Readonly<Record<string, ContactChannel>> = {
  '1': 'EMAIL', // Email
  '2': 'WEB', // Portal
  '3': 'PHONE', // Phone
  '4': 'WEB', // Forum
  '5': 'SOCIAL', // Twitter
  '6': 'SOCIAL', // Facebook
  '7': 'CHAT', // Chat
  '8': 'MESSAGING', // MobiHelp (in-app)
  '9': 'WEB', // Feedback widget
  '10': 'EMAIL', // Outbound email
};

/** Names of the default statuses, for messages and docs; 2 Open, 3 Pending, 4 Resolved, 5 Closed. */
export const FRESHDESK_STATUS_NAMES: Readonly<Record<number, string>> = {
  2: 'open',
  3: 'pending',
  4: 'resolved',
  5: 'closed',
};

const PRIORITIES: Record<number, ContactPriority> = { 1: 'LOW', 2: 'NORMAL', 3: 'HIGH', 4: 'URGENT' };

/**
 * Survey answers → our 1–5 scale. Freshdesk rates on a symmetric scale around 100 (neutral): 101…103
 * positive, −101…−103 negative; a 3-point survey uses 103 / 100 / −103. Positive answers land on 4–5
 * (satisfied), negative on 1–2, so our CSAT (4–5 ÷ answers) equals Freshdesk's share of positive answers.
 */
export const FRESHDESK_CSAT: Readonly<Record<string, number>> = {
  '103': 5,
  '102': 4,
  '101': 4,
  '100': 3,
  '-101': 2,
  '-102': 2,
  '-103': 1,
};

export interface FreshdeskOptions extends ConnectorOptions {
  /** Custom status numbers (6 and up) that mean resolved; every other custom status is unresolved. */
  resolvedStatuses?: readonly number[];
}

const agentRef = (source: string, id: string) => `${source}:agent:${id}`;
const groupRef = (source: string, id: string) => `${source}:group:${id}`;

/** One Freshdesk ticket (with `stats`) → a normalised contact; throws RowProblem naming the field. */
export function mapFreshdeskTicket(ticket: unknown, options: FreshdeskOptions = {}): NormalisedContact {
  if (!isRecord(ticket)) throw new RowProblem('', 'must be a ticket object');
  const source = options.source ?? 'freshdesk';
  const externalId = requiredId(ticket['id'], 'id');
  const status = ticket['status'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 2)
    throw new RowProblem(
      'status',
      'must be a Freshdesk status number (2 open, 3 pending, 4 resolved, 5 closed, or a custom one)',
    );
  const resolved = status === 4 || status === 5 || (options.resolvedStatuses ?? []).includes(status);
  const sourceValue = ticket['source'];
  if (typeof sourceValue !== 'number' && typeof sourceValue !== 'string')
    throw new RowProblem('source', 'is required, a Freshdesk source number');
  const vendorChannel = String(sourceValue);
  const channel = channelOf(vendorChannel, FRESHDESK_CHANNELS, options, 'source');
  const createdAt = requiredInstant(ticket['created_at'], 'created_at');
  const updatedAt = requiredInstant(ticket['updated_at'], 'updated_at');
  const stats = ticket['stats'];
  if (stats !== undefined && stats !== null && !isRecord(stats)) throw new RowProblem('stats', 'must be an object');
  const stat = (key: string) => (isRecord(stats) ? optionalInstant(stats[key], `stats.${key}`) : null);
  const firstResponseAt = stat('first_responded_at');
  const resolvedStat = stat('resolved_at');
  const closedAt = stat('closed_at');
  const reopenedAt = stat('reopened_at');
  // Freshdesk keeps only the latest resolution (resolved_at, else closed_at for a ticket closed directly).
  const lastResolvedAt = resolvedStat ?? closedAt;
  if (resolved && lastResolvedAt === null) {
    throw new RowProblem(
      isRecord(stats) ? 'stats.resolved_at' : 'stats',
      'a resolved ticket needs its stats (list tickets with include=stats) to say when it was resolved',
    );
  }
  const tags = stringList(ticket['tags'], 'tags');
  const responder = optionalId(ticket['responder_id'], 'responder_id');
  const group = optionalId(ticket['group_id'], 'group_id');
  const requester = optionalId(ticket['requester_id'], 'requester_id');
  const priority = ticket['priority'];
  if (priority !== undefined && priority !== null && (typeof priority !== 'number' || !(priority in PRIORITIES)))
    throw new RowProblem('priority', 'must be 1 (low) to 4 (urgent)');
  const escalatedTo = escalationOf(tags, options);
  return {
    source,
    externalId,
    externalUpdatedAt: updatedAt,
    channel,
    vendorChannel,
    agent: responder === null ? null : { ref: agentRef(source, responder), email: null },
    group: group === null ? null : { ref: groupRef(source, group) },
    customerRef: requester === null ? null : `${source}:contact:${requester}`,
    category: optionalText(ticket['type'], 'type', 100),
    createdAt,
    firstResponseAt,
    firstResponseExact: true,
    // Our resolvedAt is the first resolution; Freshdesk keeps the latest, which is the first unless the
    // ticket was reopened (then it is its full resolution; docs/help-desk.md).
    resolvedAt: lastResolvedAt,
    lastResolvedAt,
    // Freshdesk says when it was last reopened, not how often: at least once.
    reopenCount: isRecord(stats) ? (reopenedAt === null ? 0 : 1) : null,
    reopenedAt: reopenedAt === null ? [] : [reopenedAt],
    replyCount: null,
    status: statusOf(resolved, escalatedTo),
    vendorStatus: String(status),
    escalatedTo,
    satisfaction: null,
    priority: typeof priority === 'number' ? PRIORITIES[priority]! : null,
    vendorPriority: typeof priority === 'number' ? String(priority) : null,
    tags,
    vendorMetrics: null,
  };
}

function listOf(input: unknown, key: string): unknown[] {
  if (Array.isArray(input)) return input;
  if (isRecord(input) && Array.isArray(input[key])) return input[key] as unknown[];
  throw new ConnectorInputError(key, `must be a JSON list of ${key} (or an object with a "${key}" list)`);
}

/** A list of Freshdesk tickets (one API page or a whole file) → contacts and per-ticket rejections. */
export function mapFreshdeskTickets(
  input: unknown,
  options: FreshdeskOptions = {},
): { contacts: NormalisedContact[]; rejected: ContactRejection[] } {
  const contacts: NormalisedContact[] = [];
  const rejected: ContactRejection[] = [];
  listOf(input, 'tickets').forEach((ticket, index) => {
    const vendorId =
      isRecord(ticket) && (typeof ticket['id'] === 'number' || typeof ticket['id'] === 'string')
        ? String(ticket['id'])
        : null;
    const result = mapRow(index, vendorId, `${index}.`, () => mapFreshdeskTicket(ticket, options));
    if ('value' in result) contacts.push(result.value);
    else rejected.push({ ...result.rejection, field: result.rejection.field.replace(/\.$/, '') });
  });
  return { contacts, rejected };
}

/**
 * Satisfaction ratings (`[{ id, ticket_id, agent_id, group_id, ratings: { default_question, … }, feedback,
 * created_at, updated_at }]`) → survey answers on our 1–5 scale, from the default question.
 */
export function mapFreshdeskSatisfactionRatings(
  input: unknown,
  options: ConnectorOptions = {},
): { surveys: NormalisedSurvey[]; rejected: ContactRejection[] } {
  const source = options.source ?? 'freshdesk';
  const surveys: NormalisedSurvey[] = [];
  const rejected: ContactRejection[] = [];
  listOf(input, 'satisfaction_ratings').forEach((rating, index) => {
    const vendorId =
      isRecord(rating) && (typeof rating['id'] === 'number' || typeof rating['id'] === 'string')
        ? String(rating['id'])
        : null;
    const result = mapRow(index, vendorId, `${index}.`, (): NormalisedSurvey => {
      if (!isRecord(rating)) throw new RowProblem('', 'must be a satisfaction rating object');
      const ratings = rating['ratings'];
      if (!isRecord(ratings)) throw new RowProblem('ratings', 'is required, an object with default_question');
      const answer = ratings['default_question'];
      const csat = typeof answer === 'number' ? FRESHDESK_CSAT[String(answer)] : undefined;
      if (csat === undefined)
        throw new RowProblem(
          'ratings.default_question',
          'must be a Freshdesk rating: 103, 102, 101, 100, -101, -102 or -103',
        );
      const agent = optionalId(rating['agent_id'], 'agent_id');
      const group = optionalId(rating['group_id'], 'group_id');
      return {
        source,
        externalId: requiredId(rating['id'], 'id'),
        contactExternalId: requiredId(rating['ticket_id'], 'ticket_id'),
        agent: agent === null ? null : { ref: agentRef(source, agent), email: null },
        group: group === null ? null : { ref: groupRef(source, group) },
        csat,
        nps: null,
        vendorValue: String(answer),
        comment: optionalText(rating['feedback'], 'feedback', 5000),
        respondedAt: requiredInstant(rating['created_at'], 'created_at'),
      };
    });
    if ('value' in result) surveys.push(result.value);
    else rejected.push({ ...result.rejection, field: result.rejection.field.replace(/\.$/, '') });
  });
  return { surveys, rejected };
}
