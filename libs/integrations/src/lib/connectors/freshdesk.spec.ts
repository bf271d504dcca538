import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapFreshdeskSatisfactionRatings, mapFreshdeskTicket, mapFreshdeskTickets } from './freshdesk';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

describe('mapFreshdeskTickets (tickets API with include=stats)', () => {
  const { contacts, rejected } = mapFreshdeskTickets(fixture('freshdesk-tickets.json'), {
    escalationTags: { tier2: 'engineering' },
  });
  const byId = new Map(contacts.map((c) => [c.externalId, c]));

  it('maps statuses 2–5 and a custom one, and rejects unknown sources and resolved tickets without stats', () => {
    expect(contacts.map((c) => [c.externalId, c.vendorStatus, c.status])).toEqual([
      ['9001', '4', 'RESOLVED'],
      ['9002', '3', 'OPEN'],
      ['9003', '5', 'RESOLVED'],
      ['9006', '6', 'OPEN'],
    ]);
    expect(rejected).toEqual([
      {
        index: 3,
        vendorId: '9004',
        field: '3.source',
        message: 'channel "99" has no mapping; add it to the connector\'s channelMap',
      },
      {
        index: 4,
        vendorId: '9005',
        field: '4.stats',
        message: 'a resolved ticket needs its stats (list tickets with include=stats) to say when it was resolved',
      },
    ]);
  });

  it('a resolved email ticket: exact first response and resolution from stats', () => {
    expect(byId.get('9001')).toMatchObject({
      source: 'freshdesk',
      channel: 'EMAIL',
      vendorChannel: '1',
      agent: { ref: 'freshdesk:agent:4401', email: null },
      group: { ref: 'freshdesk:group:5501' },
      customerRef: 'freshdesk:contact:6601',
      category: 'Refund',
      createdAt: '2024-04-16T07:00:00.000Z',
      firstResponseAt: '2024-04-16T07:30:00.000Z',
      firstResponseExact: true,
      resolvedAt: '2024-04-16T11:45:00.000Z',
      reopenCount: 0,
      priority: 'NORMAL',
      vendorPriority: '2',
    });
  });

  it('a closed phone ticket reopened once: latest resolution, reopen count 1, escalation tag', () => {
    expect(byId.get('9003')).toMatchObject({
      channel: 'PHONE',
      resolvedAt: '2024-04-10T15:00:00.000Z',
      lastResolvedAt: '2024-04-10T15:00:00.000Z',
      reopenCount: 1,
      reopenedAt: ['2024-04-09T08:00:00.000Z'],
      escalatedTo: 'engineering',
      priority: 'URGENT',
    });
  });

  it('a custom status counts as resolved when the tenant says so; chat maps to CHAT', () => {
    expect(byId.get('9002')!.channel).toBe('CHAT');
    const custom = (fixture('freshdesk-tickets.json') as Record<string, unknown>[])[5];
    expect(() => mapFreshdeskTicket(custom, { resolvedStatuses: [6] })).toThrow('a resolved ticket needs its stats');
    expect(
      mapFreshdeskTicket({ ...custom, stats: { resolved_at: '2024-04-18T09:00:00Z' } }, { resolvedStatuses: [6] })
        .status,
    ).toBe('RESOLVED');
  });

  it('accepts { tickets: [...] } and refuses anything else as a whole', () => {
    expect(mapFreshdeskTickets({ tickets: [] })).toEqual({ contacts: [], rejected: [] });
    expect(() => mapFreshdeskTickets({ results: [] })).toThrow('tickets: must be a JSON list of tickets');
  });
});

describe('mapFreshdeskSatisfactionRatings', () => {
  it('maps the default question to CSAT 1–5 and rejects values off the scale', () => {
    const { surveys, rejected } = mapFreshdeskSatisfactionRatings(fixture('freshdesk-satisfaction-ratings.json'));
    expect(
      surveys.map((s) => [s.externalId, s.contactExternalId, s.csat, s.vendorValue, s.agent?.ref, s.comment]),
    ).toEqual([
      ['7701', '9001', 5, '103', 'freshdesk:agent:4401', 'Sorted in a morning'],
      ['7702', '9003', 2, '-102', 'freshdesk:agent:4401', null],
    ]);
    expect(rejected).toEqual([
      {
        index: 2,
        vendorId: '7703',
        field: '2.ratings.default_question',
        message: 'must be a Freshdesk rating: 103, 102, 101, 100, -101, -102 or -103',
      },
    ]);
  });
});
