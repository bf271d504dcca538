import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorInputError, ContactRejection, NormalisedContact } from './contact';
import { IdentityLookup, surveyFromContact, toInteractionFields, toSurveyFields } from './ingest-rows';
import { mapZendeskExportPage, mapZendeskSatisfactionRatings, mapZendeskTicket } from './zendesk';
import { ContactPatch, applyContactPatch, isContactRejection, mapZendeskWebhook } from './zendesk-webhook';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
const options = { escalationTags: { escalation_tier2: 'technical support' } };

describe('mapZendeskExportPage: cursor-based page with metric_sets and users', () => {
  const page = mapZendeskExportPage(fixture('zendesk-incremental-cursor.json'), options);
  const byId = new Map(page.contacts.map((c) => [c.externalId, c]));

  it('maps the good tickets and rejects the others with their id, field and reason', () => {
    expect(page.contacts.map((c) => c.externalId)).toEqual(['5101', '5102', '5103', '5104', '5107']);
    expect(page.rejected).toEqual([
      {
        index: 4,
        vendorId: '5105',
        field: 'tickets.4.via.channel',
        message: 'channel "carrier_pigeon" has no mapping; add it to the connector\'s channelMap',
      },
      {
        index: 5,
        vendorId: '5106',
        field: 'tickets.5.status',
        message: 'the ticket is deleted in Zendesk: not imported',
      },
    ]);
    expect(page.cursor).toEqual({
      afterCursor: 'ZmFrZS1jdXJzb3ItMQ==',
      endTime: null,
      nextPage: expect.stringContaining('cursor.json?cursor='),
      endOfStream: false,
    });
  });

  it('a solved email ticket: first reply from the reply minutes, resolution at solved_at, good rating as CSAT 5', () => {
    expect(byId.get('5101')).toEqual<NormalisedContact>({
      source: 'zendesk',
      externalId: '5101',
      externalUpdatedAt: '2024-04-16T13:40:05.000Z',
      channel: 'EMAIL',
      vendorChannel: 'email',
      agent: { ref: 'zendesk:user:360012', email: 'ana.lopez@example.test' },
      group: { ref: 'zendesk:group:98001' },
      customerRef: 'zendesk:user:7001',
      category: 'question',
      createdAt: '2024-04-16T07:12:00.000Z',
      firstResponseAt: '2024-04-16T08:00:00.000Z',
      firstResponseExact: false,
      resolvedAt: '2024-04-16T13:40:00.000Z',
      lastResolvedAt: '2024-04-16T13:40:00.000Z',
      reopenCount: 0,
      reopenedAt: [],
      replyCount: 2,
      status: 'RESOLVED',
      vendorStatus: 'solved',
      escalatedTo: null,
      satisfaction: {
        vendorValue: 'good',
        csat: 5,
        offered: true,
        ratingId: '880001',
        comment: 'Quick and clear',
        respondedAt: null,
      },
      priority: 'NORMAL',
      vendorPriority: 'normal',
      tags: ['billing', 'vip'],
      vendorMetrics: {
        firstReplyMinutes: { calendar: 48, business: 48 },
        firstReplySeconds: null,
        firstResolutionMinutes: { calendar: 388, business: 388 },
        fullResolutionMinutes: { calendar: 388, business: 388 },
        requesterWaitMinutes: { calendar: 388, business: 388 },
        onHoldMinutes: { calendar: 0, business: 0 },
      },
    });
  });

  it('pending stays OPEN with its vendor status; an offered survey is not an answer', () => {
    const c = byId.get('5102')!;
    expect([c.status, c.vendorStatus, c.channel, c.priority, c.resolvedAt]).toEqual([
      'OPEN',
      'pending',
      'CHAT',
      'HIGH',
      null,
    ]);
    expect(c.firstResponseAt).toBe('2024-04-22T07:30:00.000Z'); // created Fri 15:50Z + 3820 min
    expect(c.vendorMetrics!.firstReplyMinutes).toEqual({ calendar: 3820, business: 30 });
    expect(c.satisfaction).toMatchObject({ vendorValue: 'offered', csat: null, offered: true });
    expect(surveyFromContact(c)).toBeNull();
  });

  it('a voice ticket whose source rel is voicemail is VOICEMAIL; unoffered, unassigned, unanswered', () => {
    const c = byId.get('5103')!;
    expect([c.channel, c.vendorChannel, c.agent, c.firstResponseAt, c.status]).toEqual([
      'VOICEMAIL',
      'voice/voicemail',
      null,
      null,
      'OPEN',
    ]);
    expect(c.satisfaction).toMatchObject({ vendorValue: 'unoffered', csat: null, offered: false });
  });

  it('closed after a reopen: first resolution from its minutes, full resolution at solved_at, escalation tag, bad = CSAT 1', () => {
    const c = byId.get('5104')!;
    expect(c).toMatchObject({
      status: 'RESOLVED',
      vendorStatus: 'closed',
      resolvedAt: '2024-04-10T10:00:00.000Z',
      lastResolvedAt: '2024-04-11T09:30:00.000Z',
      reopenCount: 1,
      escalatedTo: 'technical support',
      priority: 'URGENT',
      satisfaction: { vendorValue: 'bad', csat: 1 },
    });
  });

  it('a messaging ticket takes its first reply to the second (reply_time_in_seconds)', () => {
    const c = byId.get('5107')!;
    expect([c.channel, c.firstResponseAt, c.firstResponseExact, c.resolvedAt]).toEqual([
      'MESSAGING',
      '2024-04-17T09:00:42.000Z',
      true,
      '2024-04-17T09:20:00.000Z',
    ]);
  });
});

describe('mapZendeskExportPage: time-based page and bad input', () => {
  it('reads the time-based cursor and maps a twitter ticket to SOCIAL', () => {
    const page = mapZendeskExportPage(fixture('zendesk-incremental-time.json'));
    expect(page.cursor).toEqual({
      afterCursor: null,
      endTime: 1713443400,
      nextPage: expect.stringContaining('start_time=1713443400'),
      endOfStream: true,
    });
    expect(page.contacts[0]).toMatchObject({
      externalId: '5201',
      channel: 'SOCIAL',
      firstResponseAt: '2024-04-18T12:25:00.000Z',
      status: 'OPEN',
    });
  });

  it('refuses a page that is not an export page, naming the key', () => {
    expect(() => mapZendeskExportPage({ results: [] })).toThrow(
      new ConnectorInputError('tickets', 'must be a list (is this an incremental ticket export page?)'),
    );
    expect(() => mapZendeskExportPage([])).toThrow(ConnectorInputError);
  });

  it('rejects a solved ticket exported without its metrics, and bad fields by name', () => {
    const page = mapZendeskExportPage({
      tickets: [
        {
          id: 1,
          status: 'solved',
          created_at: '2024-01-01T00:00:00Z',
          updated_at: '2024-01-02T00:00:00Z',
          via: { channel: 'email' },
        },
        {
          id: 2,
          status: 'open',
          created_at: 'yesterday',
          updated_at: '2024-01-02T00:00:00Z',
          via: { channel: 'email' },
        },
        {
          id: 3,
          status: 'open',
          created_at: '2024-01-01T00:00:00Z',
          updated_at: '2024-01-02T00:00:00Z',
          via: { channel: 'email' },
          satisfaction_rating: { score: 'great' },
        },
        {
          id: 4,
          status: 'frozen',
          created_at: '2024-01-01T00:00:00Z',
          updated_at: '2024-01-02T00:00:00Z',
          via: { channel: 'email' },
        },
        'not a ticket',
      ],
    });
    expect(page.contacts).toEqual([]);
    expect(page.rejected.map((r) => [r.vendorId, r.field])).toEqual([
      ['1', 'tickets.0.metric_set'],
      ['2', 'tickets.1.created_at'],
      ['3', 'tickets.2.satisfaction_rating.score'],
      ['4', 'tickets.3.status'],
      [null, 'tickets.4'],
    ]);
  });

  it('takes an embedded metric_set and a tenant channel mapping', () => {
    const contact = mapZendeskTicket(
      {
        id: 9,
        status: 'open',
        created_at: '2024-01-01T10:00:00+02:00',
        updated_at: '2024-01-01T09:00:00Z',
        via: { channel: 'carrier_pigeon' },
        metric_set: {
          reopens: 0,
          replies: 1,
          reply_time_in_minutes: { calendar: 5, business: 0 },
          updated_at: '2024-01-01T09:30:00Z',
        },
      },
      {},
      { channelMap: { carrier_pigeon: 'API' } },
    );
    expect(contact).toMatchObject({
      channel: 'API',
      createdAt: '2024-01-01T08:00:00.000Z',
      firstResponseAt: '2024-01-01T08:05:00.000Z',
      externalUpdatedAt: '2024-01-01T09:30:00.000Z',
    });
  });
});

describe('mapZendeskSatisfactionRatings', () => {
  it('keeps answered ratings, skips offered ones, rejects unknown scores', () => {
    const { surveys, rejected } = mapZendeskSatisfactionRatings(fixture('zendesk-satisfaction-ratings.json'));
    expect(surveys.map((s) => [s.externalId, s.contactExternalId, s.csat, s.vendorValue, s.respondedAt])).toEqual([
      ['880001', '5101', 5, 'good', '2024-04-16T15:02:00.000Z'],
      ['880002', '5104', 1, 'bad', '2024-04-11T12:10:00.000Z'],
    ]);
    expect(rejected).toEqual([
      {
        index: 3,
        vendorId: '880004',
        field: 'satisfaction_ratings.3.score',
        message: 'must be good, bad, offered or unoffered',
      },
    ]);
  });
});

describe('toInteractionFields / toSurveyFields', () => {
  const lookup: IdentityLookup = {
    agentId: (a) =>
      ({ 'zendesk:user:360012': 'a0000000-0000-4000-8000-000000000001' })[a.ref] ??
      (a.email === 'ben.okafor@example.test' ? 'a0000000-0000-4000-8000-000000000002' : null),
    teamId: (g) => ({ 'zendesk:group:98001': 't0000000-0000-4000-8000-000000000001' })[g.ref] ?? null,
  };
  const page = mapZendeskExportPage(fixture('zendesk-incremental-cursor.json'), options);

  it('turns a contact into our ingest fields', () => {
    expect(toInteractionFields(page.contacts[0]!, lookup)).toEqual({
      fields: {
        source: 'zendesk',
        externalId: '5101',
        channel: 'EMAIL',
        agentId: 'a0000000-0000-4000-8000-000000000001',
        teamId: 't0000000-0000-4000-8000-000000000001',
        customerRef: 'zendesk:user:7001',
        category: 'question',
        status: 'RESOLVED',
        createdAt: '2024-04-16T07:12:00.000Z',
        firstResponseAt: '2024-04-16T08:00:00.000Z',
        resolvedAt: '2024-04-16T13:40:00.000Z',
        handleTimeSeconds: null,
        escalatedTo: null,
        reopenCount: '0',
        contactsToResolve: null,
        complaint: null,
        answeredAt: null,
        abandonedAt: null,
        waitTimeSeconds: null,
      },
    });
    const survey = toSurveyFields(surveyFromContact(page.contacts[0]!)!, lookup);
    expect(survey).toEqual({
      fields: {
        source: 'zendesk',
        externalId: '880001',
        interactionSource: 'zendesk',
        interactionExternalId: '5101',
        agentId: 'a0000000-0000-4000-8000-000000000001',
        csat: '5',
        nps: null,
        comment: 'Quick and clear',
        respondedAt: '2024-04-16T13:40:05.000Z',
      },
    });
  });

  it('an unknown agent or group is a rejection naming it (the email is used when the ref is unknown)', () => {
    const chat = page.contacts.find((c) => c.externalId === '5102')!;
    expect(toInteractionFields(chat, lookup, 7)).toEqual({
      rejection: {
        index: 7,
        vendorId: '5102',
        field: 'group',
        message: 'unknown group zendesk:group:98002: map it to a Deskforce team, then re-send',
      },
    });
    const stranger = { ...chat, agent: { ref: 'zendesk:user:1', email: 'who@example.test' } };
    expect(toInteractionFields(stranger, lookup)).toMatchObject({
      rejection: {
        field: 'agent',
        message: 'unknown agent zendesk:user:1 (who@example.test): map it to a Deskforce agent, then re-send',
      },
    });
  });
});

describe('mapZendeskWebhook and applyContactPatch', () => {
  const patch = (name: string): ContactPatch => {
    const result = mapZendeskWebhook(fixture(name));
    if (result.kind !== 'patch') throw new Error(`expected a patch, got ${result.kind}`);
    return result.patch;
  };
  const created = patch('zendesk-webhook-ticket-created.json');
  const comment = patch('zendesk-webhook-comment-added.json');
  const solved = patch('zendesk-webhook-status-solved.json');
  const reopened = patch('zendesk-webhook-status-reopened.json');
  const fold = (patches: ContactPatch[]) =>
    patches.reduce<NormalisedContact | null>((stored, p) => {
      const next = applyContactPatch(stored, p);
      if (isContactRejection(next)) throw new Error(next.message);
      return next;
    }, null)!;

  it('reads the delivery: ids as text, capitals, nanosecond times, via types', () => {
    expect(comment).toMatchObject({
      externalId: '5301',
      eventId: '6f1e2d3c-0000-4000-8000-000000000002',
      occurredAt: '2024-04-18T08:25:10.123Z',
      set: {
        channel: 'EMAIL',
        vendorChannel: 'mail',
        vendorStatus: 'open',
        resolved: false,
        agentRef: 'zendesk:user:360012',
        category: 'question',
        vendorPriority: 'normal',
      },
      facts: { agentReplyAt: '2024-04-18T08:25:10.123Z', solvedAt: null, reopenedAt: null },
    });
    expect(solved.facts).toEqual({ agentReplyAt: null, solvedAt: '2024-04-18T09:00:00.500Z', reopenedAt: null });
    expect(reopened.facts).toEqual({ agentReplyAt: null, solvedAt: null, reopenedAt: '2024-04-18T10:00:00.000Z' });
  });

  it('builds the contact from the deliveries, in any order and however often they arrive', () => {
    const inOrder = fold([created, comment, solved, reopened]);
    expect(inOrder).toMatchObject({
      externalId: '5301',
      createdAt: '2024-04-18T08:00:00.000Z',
      firstResponseAt: '2024-04-18T08:25:10.123Z',
      firstResponseExact: true,
      resolvedAt: '2024-04-18T09:00:00.500Z',
      lastResolvedAt: '2024-04-18T09:00:00.500Z',
      reopenCount: 1,
      status: 'OPEN',
      vendorStatus: 'open',
      externalUpdatedAt: '2024-04-18T10:00:00.000Z',
      agent: { ref: 'zendesk:user:360012' },
      group: { ref: 'zendesk:group:98001' },
    });
    expect(fold([reopened, solved, created, comment, solved, reopened, comment])).toEqual(inOrder);
  });

  it('a first delivery without the ticket is a rejection; other event kinds are ignored', () => {
    const bare = { ...comment, set: { ...comment.set, createdAt: null } };
    expect(applyContactPatch(null, bare)).toMatchObject({
      field: 'detail.created_at',
    } satisfies Partial<ContactRejection>);
    expect(mapZendeskWebhook({ type: 'zen:event-type:user.created', detail: { id: '1' } })).toMatchObject({
      kind: 'ignored',
    });
    expect(mapZendeskWebhook({ type: 'zen:event-type:ticket.soft_deleted', detail: { id: '5301' } })).toEqual({
      kind: 'ignored',
      reason: 'ticket soft deleted: not imported',
      externalId: '5301',
    });
    expect(mapZendeskWebhook({ type: 'zen:event-type:ticket.created', time: 'now', detail: { id: '5' } })).toEqual({
      kind: 'rejected',
      rejection: {
        index: 0,
        vendorId: '5',
        field: 'time',
        message: 'is required, an ISO 8601 date-time with an offset',
      },
    });
  });
});
