import { earliest, escalationOf, latest, priorityOf, statusOf } from './common';
import { ConnectorOptions, ContactChannel, ContactRejection, ContactStatus, NormalisedContact } from './contact';
import { zendeskChannel } from './zendesk';
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
 * Zendesk's ticket webhooks (event subscriptions, `zen:event-type:ticket.*`): each delivery carries the
 * ticket's current fields in `detail` (ids as text, status and priority in capitals) and the change in
 * `event`. A delivery becomes a ContactPatch; applyContactPatch folds it into the stored record.
 * Deliveries are at least once and may arrive out of order: applying a patch twice, or an older one after
 * a newer one, changes nothing.
 */

/** What one delivery says about a ticket. */
export interface ContactPatch {
  source: string;
  externalId: string;
  /** The ticket's `updated_at` (or the event time): fields in `set` apply only when not older than the stored version. */
  externalUpdatedAt: string;
  /** The delivery's id (X-Zendesk-Webhook-Id / payload id) and type, for logs and de-duplication. */
  eventId: string | null;
  eventType: string;
  occurredAt: string;
  /** The ticket's fields as of this event. */
  set: {
    createdAt: string | null;
    channel: ContactChannel | null;
    vendorChannel: string | null;
    agentRef: string | null;
    groupRef: string | null;
    customerRef: string | null;
    category: string | null;
    vendorStatus: string | null;
    resolved: boolean | null;
    vendorPriority: string | null;
    tags: string[] | null;
  };
  /** Facts that only accumulate: the first public agent reply, a solve, a reopen. */
  facts: { agentReplyAt: string | null; solvedAt: string | null; reopenedAt: string | null };
}

export type ZendeskWebhookResult =
  | { kind: 'patch'; patch: ContactPatch }
  | { kind: 'ignored'; reason: string; externalId: string | null }
  | { kind: 'rejected'; rejection: ContactRejection };

const RESOLVED = new Set(['solved', 'closed', 'archived']);
const UNRESOLVED = new Set(['new', 'open', 'pending', 'hold']);
const GONE_EVENTS = new Set(['soft_deleted', 'permanently_deleted', 'marked_as_spam', 'merged']);

/** A parsed webhook body → a patch for its ticket, an event we do not need, or a rejection naming the field. */
export function mapZendeskWebhook(body: unknown, options: ConnectorOptions = {}): ZendeskWebhookResult {
  const source = options.source ?? 'zendesk';
  const detail = isRecord(body) && isRecord(body['detail']) ? body['detail'] : null;
  const vendorId =
    detail && (typeof detail['id'] === 'string' || typeof detail['id'] === 'number') ? String(detail['id']) : null;
  try {
    if (!isRecord(body)) throw new RowProblem('', 'must be a JSON object');
    const type = typeof body['type'] === 'string' ? body['type'] : '';
    const prefix = 'zen:event-type:ticket.';
    if (!type.startsWith(prefix))
      return { kind: 'ignored', reason: `not a ticket event (${type || 'no type'})`, externalId: vendorId };
    const event = type.slice(prefix.length);
    if (GONE_EVENTS.has(event))
      return { kind: 'ignored', reason: `ticket ${event.replace('_', ' ')}: not imported`, externalId: vendorId };
    if (!detail) throw new RowProblem('detail', 'is required, the ticket');
    const externalId = requiredId(detail['id'], 'detail.id');
    const occurredAt = requiredInstant(body['time'], 'time');
    const createdAt = optionalInstant(detail['created_at'], 'detail.created_at');
    const vendorStatus = typeof detail['status'] === 'string' ? detail['status'].toLowerCase() : null;
    if (vendorStatus !== null && (vendorStatus === 'deleted' || vendorStatus === 'scrubbed')) {
      return { kind: 'ignored', reason: `ticket ${vendorStatus}: not imported`, externalId };
    }
    if (vendorStatus !== null && !RESOLVED.has(vendorStatus) && !UNRESOLVED.has(vendorStatus)) {
      throw new RowProblem('detail.status', 'must be new, open, pending, hold, solved or closed');
    }
    const via = detail['via'];
    const channel =
      isRecord(via) && via['channel'] !== undefined && via['channel'] !== null
        ? zendeskChannel(via, options, 'detail.via')
        : null;
    const assignee = optionalId(detail['assignee_id'], 'detail.assignee_id');
    const group = optionalId(detail['group_id'], 'detail.group_id');
    const requester = optionalId(detail['requester_id'], 'detail.requester_id');
    const priority = optionalText(detail['priority'], 'detail.priority', 50);
    const ev = isRecord(body['event']) ? body['event'] : {};
    const facts: ContactPatch['facts'] = { agentReplyAt: null, solvedAt: null, reopenedAt: null };
    if (event === 'status_changed') {
      const current = typeof ev['current'] === 'string' ? ev['current'].toLowerCase() : '';
      const previous = typeof ev['previous'] === 'string' ? ev['previous'].toLowerCase() : '';
      if (RESOLVED.has(current) && !RESOLVED.has(previous)) facts.solvedAt = occurredAt;
      if (RESOLVED.has(previous) && UNRESOLVED.has(current)) facts.reopenedAt = occurredAt;
    }
    if (event === 'comment_added' && isRecord(ev['comment'])) {
      const comment = ev['comment'];
      const author = isRecord(comment['author']) ? comment['author'] : {};
      // Zendesk's first reply: the first public agent comment after creation (an agent's own opening comment does not count).
      if (
        comment['is_public'] === true &&
        author['is_staff'] === true &&
        (createdAt === null || occurredAt > createdAt)
      )
        facts.agentReplyAt = occurredAt;
    }
    return {
      kind: 'patch',
      patch: {
        source,
        externalId,
        externalUpdatedAt: optionalInstant(detail['updated_at'], 'detail.updated_at') ?? occurredAt,
        eventId: typeof body['id'] === 'string' ? body['id'] : null,
        eventType: type,
        occurredAt,
        set: {
          createdAt,
          channel: channel?.channel ?? null,
          vendorChannel: channel?.vendorChannel ?? null,
          agentRef: assignee === null ? null : `${source}:user:${assignee}`,
          groupRef: group === null ? null : `${source}:group:${group}`,
          customerRef: requester === null ? null : `${source}:user:${requester}`,
          category: optionalText(detail['type'], 'detail.type', 100)?.toLowerCase() ?? null,
          vendorStatus,
          resolved: vendorStatus === null ? null : RESOLVED.has(vendorStatus),
          vendorPriority: priority?.toLowerCase() ?? null,
          tags: detail['tags'] === undefined ? null : stringList(detail['tags'], 'detail.tags'),
        },
        facts,
      },
    };
  } catch (error) {
    if (error instanceof RowProblem)
      return { kind: 'rejected', rejection: { index: 0, vendorId, field: error.field, message: error.message } };
    throw error;
  }
}

/**
 * Folds a patch into the stored contact (null when the ticket is new to us). Fields apply when the
 * patch is not older than the stored version; facts always fold in (first reply and first resolution
 * keep the earliest time, last resolution the latest, reopens are a set of times), so a repeated or late
 * delivery changes nothing. A new ticket needs its creation time and status; otherwise a rejection.
 */
export function applyContactPatch(
  stored: NormalisedContact | null,
  patch: ContactPatch,
  options: ConnectorOptions = {},
): NormalisedContact | ContactRejection {
  const reject = (field: string, message: string): ContactRejection => ({
    index: 0,
    vendorId: patch.externalId,
    field,
    message,
  });
  const newer = stored === null || patch.externalUpdatedAt >= stored.externalUpdatedAt;
  const s = patch.set;
  const base: NormalisedContact | null = stored;
  if (base === null) {
    if (s.createdAt === null)
      return reject('detail.created_at', 'the first delivery for a ticket must carry its creation time');
    if (s.vendorStatus === null || s.resolved === null)
      return reject('detail.status', 'the first delivery for a ticket must carry its status');
    if (s.channel === null || s.vendorChannel === null)
      return reject('detail.via.channel', 'the first delivery for a ticket must carry its channel');
  }
  const pick = <T>(incoming: T | null, current: T | undefined, fallback: T): T =>
    newer && incoming !== null ? incoming : (current ?? fallback);
  const agentRef = newer && s.agentRef !== null ? s.agentRef : (base?.agent?.ref ?? null);
  const sameAgent = base?.agent && base.agent.ref === agentRef;
  const tags = pick(s.tags, base?.tags, []);
  const vendorStatus = pick(s.vendorStatus, base?.vendorStatus, '');
  const resolved = pick(s.resolved, base ? base.status === 'RESOLVED' : undefined, false);
  const reopenedAt = [
    ...new Set([...(base?.reopenedAt ?? []), ...(patch.facts.reopenedAt ? [patch.facts.reopenedAt] : [])]),
  ].sort();
  const resolvedAt = earliest(base?.resolvedAt ?? null, patch.facts.solvedAt);
  const escalatedTo = escalationOf(tags, options);
  const vendorPriority = pick(s.vendorPriority, base?.vendorPriority ?? undefined, null);
  const firstResponseAt = earliest(base?.firstResponseAt ?? null, patch.facts.agentReplyAt);
  const status: ContactStatus = statusOf(resolved, escalatedTo);
  return {
    source: patch.source,
    externalId: patch.externalId,
    externalUpdatedAt: latest(base?.externalUpdatedAt ?? null, patch.externalUpdatedAt)!,
    channel: pick(s.channel, base?.channel, 'API'),
    vendorChannel: pick(s.vendorChannel, base?.vendorChannel, ''),
    agent: agentRef === null ? null : { ref: agentRef, email: sameAgent ? base!.agent!.email : null },
    group: (() => {
      const ref = newer && s.groupRef !== null ? s.groupRef : (base?.group?.ref ?? null);
      return ref === null ? null : { ref };
    })(),
    customerRef: pick(s.customerRef, base?.customerRef ?? undefined, null),
    category: pick(s.category, base?.category ?? undefined, null),
    createdAt: base?.createdAt ?? s.createdAt!,
    firstResponseAt,
    firstResponseExact:
      firstResponseAt !== null && firstResponseAt === patch.facts.agentReplyAt
        ? true
        : (base?.firstResponseExact ?? false),
    resolvedAt,
    lastResolvedAt: latest(base?.lastResolvedAt ?? null, patch.facts.solvedAt),
    // Reopens seen through webhooks (ingest's default is 0 too); an export's count wins when larger.
    reopenCount: Math.max(base?.reopenCount ?? 0, reopenedAt.length),
    reopenedAt,
    replyCount: base?.replyCount ?? null,
    status,
    vendorStatus,
    escalatedTo,
    satisfaction: base?.satisfaction ?? null,
    priority: priorityOf(vendorPriority),
    vendorPriority,
    tags,
    vendorMetrics: base?.vendorMetrics ?? null,
  };
}

export function isContactRejection(value: NormalisedContact | ContactRejection): value is ContactRejection {
  return 'message' in value && !('externalUpdatedAt' in value);
}
