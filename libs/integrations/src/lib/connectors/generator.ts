/**
 * Realistic help-desk history in the vendors' own shapes, from a seed: Zendesk incremental export pages
 * (with metric_sets and users), the matching Zendesk webhook deliveries, Freshdesk ticket lists (with
 * stats) and their satisfaction ratings. Deterministic for a seed, so end-to-end tests can import the same
 * tickets through the CLI and through webhooks and compare the KPIs, and compare our first-reply times
 * with the reply_time_in_minutes values the export carries. Pure: no network, no database.
 *
 * Times are whole minutes after creation (as Zendesk reports them), so a first reply rebuilt from the
 * export is exactly the generated one.
 */

export interface GeneratorOptions {
  seed: number;
  tickets: number;
  /** First day of the history (UTC midnight), default 2024-03-01. */
  start?: string;
  /** Days of history, default 60. */
  days?: number;
  agents?: number;
  groups?: number;
  /** Business minutes between two instants (ms), to fill the vendor's business-hours values; default: calendar minutes. */
  businessMinutes?: (fromMs: number, toMs: number) => number;
}

/** What was generated for one ticket, in our terms, for tests to compare against. */
export interface GeneratedTruth {
  externalId: string;
  createdAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  lastResolvedAt: string | null;
  reopenCount: number;
  resolved: boolean;
  agentIndex: number | null;
  groupIndex: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG (public domain), enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A skewed duration in whole minutes: mostly short, a long tail (log-uniform between min and max). */
function minutesBetween(rand: () => number, min: number, max: number): number {
  return Math.max(min, Math.round(Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min)))));
}

interface Lifecycle extends GeneratedTruth {
  createdMs: number;
  firstReplyMs: number | null;
  firstResolutionMs: number | null;
  lastResolutionMs: number | null;
  reopenTimes: number[];
  /** Every resolution: the first, then one after each reopen. */
  solveTimes: number[];
  updatedMs: number;
  replies: number;
}

function lifecycles(options: GeneratorOptions, rand: () => number): Lifecycle[] {
  const start = Date.parse(`${options.start ?? '2024-03-01'}T00:00:00Z`);
  const days = options.days ?? 60;
  const agents = options.agents ?? 12;
  const groups = options.groups ?? 3;
  const result: Lifecycle[] = [];
  for (let i = 0; i < options.tickets; i++) {
    // Weekdays four times as busy as weekends; office hours (07–19 UTC) three times as busy as nights.
    let day: number;
    do day = Math.floor(rand() * days);
    while ((new Date(start + day * 86_400_000).getUTCDay() + 6) % 7 >= 5 && rand() < 0.75);
    const minuteOfDay = rand() < 0.75 ? 420 + Math.floor(rand() * 720) : Math.floor(rand() * 1440);
    const createdMs = start + day * 86_400_000 + minuteOfDay * MINUTE + Math.floor(rand() * 60) * 1000;
    const agentIndex = rand() < 0.94 ? Math.floor(rand() * agents) : null;
    const groupIndex = agentIndex === null ? Math.floor(rand() * groups) : agentIndex % groups;
    const answered = agentIndex !== null && rand() < 0.93;
    const firstReplyMs = answered ? createdMs + minutesBetween(rand, 1, 3 * 1440) * MINUTE : null;
    const resolved = answered && rand() < 0.85;
    let firstResolutionMs: number | null = null;
    let lastResolutionMs: number | null = null;
    const reopenTimes: number[] = [];
    const solveTimes: number[] = [];
    if (resolved) {
      let solvedMs = firstReplyMs! + minutesBetween(rand, 1, 2 * 1440) * MINUTE;
      firstResolutionMs = solvedMs;
      solveTimes.push(solvedMs);
      const reopens = rand() < 0.08 ? 1 + Math.floor(rand() * 2) : 0;
      for (let r = 0; r < reopens; r++) {
        const reopenMs: number = solvedMs + minutesBetween(rand, 5, 1440) * MINUTE;
        reopenTimes.push(reopenMs);
        solvedMs = reopenMs + minutesBetween(rand, 5, 1440) * MINUTE;
        solveTimes.push(solvedMs);
      }
      lastResolutionMs = solvedMs;
    }
    const lastEvent = Math.max(createdMs, firstReplyMs ?? 0, lastResolutionMs ?? 0, ...reopenTimes);
    result.push({
      externalId: '',
      createdAt: iso(createdMs),
      firstResponseAt: firstReplyMs === null ? null : iso(firstReplyMs),
      resolvedAt: firstResolutionMs === null ? null : iso(firstResolutionMs),
      lastResolvedAt: lastResolutionMs === null ? null : iso(lastResolutionMs),
      reopenCount: reopenTimes.length,
      resolved,
      agentIndex,
      groupIndex,
      createdMs,
      firstReplyMs,
      firstResolutionMs,
      lastResolutionMs,
      reopenTimes,
      solveTimes,
      updatedMs: lastEvent + Math.floor(rand() * 120) * 1000,
      replies: answered ? 1 + reopenTimes.length + Math.floor(rand() * 3) : 0,
    });
  }
  return result.sort((a, b) => a.updatedMs - b.updatedMs); // exports list tickets by update time
}

function truthOf(t: Lifecycle): GeneratedTruth {
  const {
    externalId,
    createdAt,
    firstResponseAt,
    resolvedAt,
    lastResolvedAt,
    reopenCount,
    resolved,
    agentIndex,
    groupIndex,
  } = t;
  return {
    externalId,
    createdAt,
    firstResponseAt,
    resolvedAt,
    lastResolvedAt,
    reopenCount,
    resolved,
    agentIndex,
    groupIndex,
  };
}

const ZENDESK_CHANNELS: readonly (readonly [{ channel: string; rel: string | null; hook: string }, number])[] = [
  [{ channel: 'email', rel: null, hook: 'mail' }, 40],
  [{ channel: 'web', rel: null, hook: 'web_form' }, 15],
  [{ channel: 'chat', rel: 'chat', hook: 'chat' }, 14],
  [{ channel: 'voice', rel: 'inbound', hook: 'phone_call_inbound' }, 10],
  [{ channel: 'voice', rel: 'voicemail', hook: 'voicemail' }, 3],
  [{ channel: 'native_messaging', rel: null, hook: 'native_messaging' }, 11],
  [{ channel: 'twitter', rel: 'mention', hook: 'twitter' }, 4],
  [{ channel: 'api', rel: null, hook: 'web_service' }, 3],
];
const TAGS = ['billing', 'delivery', 'returns', 'vip', 'login', 'escalation_tier2', 'bug', 'refund'];
const TYPES = ['question', 'incident', 'problem', 'task'];
const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'];

export interface GeneratedZendesk {
  /** Incremental export pages (cursor-based, or time-based with `shape: 'time'`), in order. */
  pages: Record<string, unknown>[];
  /** Webhook deliveries (event subscriptions) that tell the same history, in time order. */
  webhooks: Record<string, unknown>[];
  truth: GeneratedTruth[];
}

/** A Zendesk account's history: export pages of `pageSize` tickets and the equivalent webhook deliveries. */
export function generateZendesk(
  options: GeneratorOptions & { pageSize?: number; shape?: 'cursor' | 'time' },
): GeneratedZendesk {
  const rand = prng(options.seed);
  const all = lifecycles(options, rand);
  const business = options.businessMinutes ?? ((a: number, b: number) => (b - a) / MINUTE);
  const agentId = (i: number) => 361000 + i;
  const groupId = (g: number) => 98100 + g;
  const users = Array.from({ length: options.agents ?? 12 }, (_, i) => ({
    id: agentId(i),
    name: `Agent ${i + 1}`,
    email: `agent${i + 1}@example.test`,
    role: 'agent',
  }));
  const tickets: Record<string, unknown>[] = [];
  const metricSets: Record<string, unknown>[] = [];
  const webhooks: { at: number; body: Record<string, unknown> }[] = [];
  all.forEach((t, i) => {
    const id = 200000 + i;
    t.externalId = String(id);
    const via = pickWeighted(rand, ZENDESK_CHANNELS);
    const status = t.resolved
      ? rand() < 0.6
        ? 'closed'
        : 'solved'
      : t.agentIndex === null
        ? 'new'
        : pickWeighted(rand, [
            ['open', 5],
            ['pending', 3],
            ['hold', 1],
          ] as const);
    const tags = TAGS.filter(() => rand() < 0.15);
    const score = t.resolved
      ? pickWeighted(rand, [
          ['good', 25],
          ['bad', 7],
          ['offered', 20],
          ['unoffered', 48],
        ] as const)
      : 'unoffered';
    const minutes = (from: number, to: number | null) =>
      to === null ? null : { calendar: Math.round((to - from) / MINUTE), business: Math.round(business(from, to)) };
    const priority = PRIORITIES[Math.floor(rand() * PRIORITIES.length)]!;
    const type = TYPES[Math.floor(rand() * TYPES.length)]!;
    const assignee = t.agentIndex === null ? null : agentId(t.agentIndex);
    const requester = 500000 + Math.floor(rand() * 5000);
    tickets.push({
      id,
      url: `https://example.zendesk.com/api/v2/tickets/${id}.json`,
      type,
      subject: `Generated ticket ${id}`,
      priority,
      status,
      requester_id: requester,
      assignee_id: assignee,
      group_id: groupId(t.groupIndex),
      tags,
      via: { channel: via.channel, source: { from: {}, to: {}, rel: via.rel } },
      satisfaction_rating:
        score === 'unoffered' ? { score } : { id: score === 'offered' ? null : 900000 + i, score, comment: null },
      created_at: iso(t.createdMs),
      updated_at: iso(t.updatedMs),
      generated_timestamp: Math.floor(t.updatedMs / 1000),
    });
    metricSets.push({
      id: 700000 + i,
      ticket_id: id,
      reopens: t.reopenCount,
      replies: t.replies,
      solved_at: t.lastResolutionMs === null ? null : iso(t.lastResolutionMs),
      reply_time_in_minutes: minutes(t.createdMs, t.firstReplyMs) ?? { calendar: null, business: null },
      first_resolution_time_in_minutes: minutes(t.createdMs, t.firstResolutionMs) ?? { calendar: null, business: null },
      full_resolution_time_in_minutes: minutes(t.createdMs, t.lastResolutionMs) ?? { calendar: null, business: null },
      created_at: iso(t.createdMs),
      updated_at: iso(t.updatedMs),
    });
    // The same history as webhook deliveries.
    const detail = (statusNow: string, atMs: number) => ({
      id: String(id),
      created_at: iso(t.createdMs),
      updated_at: iso(atMs),
      status: statusNow.toUpperCase(),
      priority: priority.toUpperCase(),
      type: type.toUpperCase(),
      assignee_id: assignee === null ? null : String(assignee),
      group_id: String(groupId(t.groupIndex)),
      requester_id: String(requester),
      tags,
      via: { channel: via.hook },
      is_public: true,
    });
    let seq = 0;
    const hook = (type: string, atMs: number, statusNow: string, event: Record<string, unknown>) =>
      webhooks.push({
        at: atMs,
        body: {
          account_id: 1234567,
          id: `gen-${id}-${seq++}`,
          type: `zen:event-type:ticket.${type}`,
          subject: `zen:ticket:${id}`,
          time: iso(atMs),
          zendesk_event_version: '2022-11-06',
          detail: detail(statusNow, atMs),
          event,
        },
      });
    const open = t.agentIndex === null ? 'new' : 'open';
    hook('created', t.createdMs, open, {});
    if (t.firstReplyMs !== null) {
      hook('comment_added', t.firstReplyMs, 'open', {
        comment: {
          id: `${id}1`,
          body: 'Reply',
          is_public: true,
          author: { id: String(assignee), is_staff: true, name: 'Agent' },
        },
      });
    }
    t.solveTimes.forEach((solveMs, r) => {
      if (r > 0) hook('status_changed', t.reopenTimes[r - 1]!, 'open', { current: 'OPEN', previous: 'SOLVED' });
      hook('status_changed', solveMs, 'solved', { current: 'SOLVED', previous: 'OPEN' });
    });
    // A final delivery carrying the ticket's last status (closed, pending, hold…).
    hook('priority_changed', t.updatedMs, status, {
      current: priority.toUpperCase(),
      previous: priority.toUpperCase(),
    });
  });
  const pageSize = options.pageSize ?? 1000;
  const pages: Record<string, unknown>[] = [];
  for (let from = 0; from < tickets.length || from === 0; from += pageSize) {
    const slice = tickets.slice(from, from + pageSize);
    const last = from + pageSize >= tickets.length;
    const sideloads = { tickets: slice, metric_sets: metricSets.slice(from, from + pageSize), users };
    if (options.shape === 'time') {
      const endTime = slice.length > 0 ? (slice[slice.length - 1]!['generated_timestamp'] as number) : 0;
      pages.push({
        ...sideloads,
        count: slice.length,
        end_time: endTime,
        end_of_stream: last,
        next_page: `https://example.zendesk.com/api/v2/incremental/tickets.json?start_time=${endTime}&include=metric_sets,users`,
      });
    } else {
      const cursor = Buffer.from(`generated:${options.seed}:${from + slice.length}`).toString('base64');
      pages.push({
        ...sideloads,
        after_cursor: cursor,
        after_url: `https://example.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=${cursor}`,
        before_cursor: null,
        before_url: null,
        end_of_stream: last,
      });
    }
    if (tickets.length === 0) break;
  }
  return { pages, webhooks: webhooks.sort((a, b) => a.at - b.at).map((w) => w.body), truth: all.map(truthOf) };
}

const FRESHDESK_SOURCES: readonly (readonly [number, number])[] = [
  [1, 42],
  [2, 14],
  [3, 14],
  [7, 16],
  [9, 5],
  [10, 4],
  [5, 3],
  [8, 2],
];

export interface GeneratedFreshdesk {
  /** GET /api/v2/tickets?include=stats pages (lists of tickets), in order. */
  pages: Record<string, unknown>[][];
  /** GET /api/v2/surveys/satisfaction_ratings: one list. */
  ratings: Record<string, unknown>[];
  truth: GeneratedTruth[];
}

/** A Freshdesk account's history: ticket pages (100 a page by default, as the API's maximum) and ratings. */
export function generateFreshdesk(options: GeneratorOptions & { pageSize?: number }): GeneratedFreshdesk {
  const rand = prng(options.seed ^ 0x5eed);
  // Freshdesk keeps only the latest resolution: generate tickets reopened at most once, resolved after it.
  const all = lifecycles(options, rand);
  const tickets: Record<string, unknown>[] = [];
  const ratings: Record<string, unknown>[] = [];
  all.forEach((t, i) => {
    const id = 300000 + i;
    t.externalId = String(id);
    const status = t.resolved
      ? rand() < 0.5
        ? 5
        : 4
      : pickWeighted(rand, [
          [2, 6],
          [3, 3],
          [6, 1],
        ] as const);
    const agent = t.agentIndex === null ? null : 440000 + t.agentIndex;
    const lastReopen = t.reopenTimes.length > 0 ? t.reopenTimes[t.reopenTimes.length - 1]! : null;
    tickets.push({
      id,
      subject: `Generated ticket ${id}`,
      type: ['Question', 'Incident', 'Problem', 'Refund'][Math.floor(rand() * 4)],
      status,
      priority: 1 + Math.floor(rand() * 4),
      source: pickWeighted(rand, FRESHDESK_SOURCES),
      requester_id: 660000 + Math.floor(rand() * 5000),
      responder_id: agent,
      group_id: 550000 + t.groupIndex,
      tags: TAGS.filter(() => rand() < 0.15),
      is_escalated: false,
      fr_escalated: false,
      created_at: iso(t.createdMs),
      updated_at: iso(t.updatedMs),
      stats: {
        agent_responded_at: t.firstReplyMs === null ? null : iso(t.firstReplyMs),
        requester_responded_at: null,
        first_responded_at: t.firstReplyMs === null ? null : iso(t.firstReplyMs),
        status_updated_at: iso(t.updatedMs),
        reopened_at: lastReopen === null ? null : iso(lastReopen),
        resolved_at: t.lastResolutionMs === null ? null : iso(t.lastResolutionMs),
        closed_at: status === 5 ? iso(t.updatedMs) : null,
        pending_since: status === 3 ? iso(t.updatedMs) : null,
      },
    });
    // Freshdesk's resolvedAt is the latest resolution: the truth follows the vendor here.
    t.resolvedAt = t.lastResolvedAt;
    t.reopenCount = t.reopenTimes.length > 0 ? 1 : 0;
    if (t.resolved && rand() < 0.3) {
      ratings.push({
        id: 770000 + i,
        survey_id: 1,
        user_id: tickets[i]!['requester_id'],
        agent_id: agent,
        group_id: 550000 + t.groupIndex,
        ticket_id: id,
        feedback: null,
        ratings: {
          default_question: pickWeighted(rand, [
            [103, 40],
            [102, 15],
            [101, 10],
            [100, 15],
            [-101, 8],
            [-102, 6],
            [-103, 6],
          ] as const),
        },
        created_at: iso(t.updatedMs + 3_600_000),
        updated_at: iso(t.updatedMs + 3_600_000),
      });
    }
  });
  const pageSize = options.pageSize ?? 100;
  const pages: Record<string, unknown>[][] = [];
  for (let from = 0; from < tickets.length; from += pageSize) pages.push(tickets.slice(from, from + pageSize));
  return { pages, ratings, truth: all.map(truthOf) };
}
