import { NormalisedContact } from './contact';
import { mapFreshdeskSatisfactionRatings, mapFreshdeskTickets } from './freshdesk';
import { generateFreshdesk, generateZendesk } from './generator';
import { mapZendeskExportPage } from './zendesk';
import { applyContactPatch, isContactRejection, mapZendeskWebhook } from './zendesk-webhook';

/** Office hours 08:00–18:00 UTC every day: a simple business-minutes function for the generator. */
const DAY = 86_400_000;
const officeMinutes = (from: number, to: number) => {
  let total = 0;
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
    const open = Math.max(from, day + 8 * 3_600_000);
    const close = Math.min(to, day + 18 * 3_600_000);
    if (close > open) total += (close - open) / 60_000;
  }
  return total;
};

describe('generateZendesk', () => {
  const generated = generateZendesk({ seed: 7, tickets: 3000, pageSize: 1000, businessMinutes: officeMinutes });
  const contacts = generated.pages.flatMap((page) => {
    const mapped = mapZendeskExportPage(page);
    expect(mapped.rejected).toEqual([]);
    return mapped.contacts;
  });
  const byId = new Map(contacts.map((c) => [c.externalId, c]));

  it('is deterministic for a seed and realistic in its mix', () => {
    expect(generateZendesk({ seed: 7, tickets: 50 })).toEqual(generateZendesk({ seed: 7, tickets: 50 }));
    expect(generated.pages).toHaveLength(3);
    expect(generated.pages.map((p) => p['end_of_stream'])).toEqual([false, false, true]);
    expect(contacts).toHaveLength(3000);
    const share = (f: (c: NormalisedContact) => boolean) => contacts.filter(f).length / contacts.length;
    expect(share((c) => c.status === 'RESOLVED')).toBeGreaterThan(0.6);
    expect(share((c) => c.channel === 'EMAIL')).toBeGreaterThan(0.3);
    expect(share((c) => c.channel === 'VOICEMAIL')).toBeGreaterThan(0.01);
    expect(share((c) => (c.reopenCount ?? 0) > 0)).toBeGreaterThan(0.03);
    expect(share((c) => c.satisfaction?.csat != null)).toBeGreaterThan(0.15);
  });

  it('the export rebuilds the generated times exactly, and carries the business minutes it was given', () => {
    for (const truth of generated.truth) {
      const c = byId.get(truth.externalId)!;
      expect([c.createdAt, c.firstResponseAt, c.resolvedAt, c.lastResolvedAt, c.reopenCount]).toEqual(
        [truth.createdAt, truth.firstResponseAt, truth.resolvedAt, truth.lastResolvedAt, truth.reopenCount].map((v) =>
          typeof v === 'string' ? new Date(v).toISOString() : v,
        ),
      );
    }
    const answered = contacts.find((c) => c.firstResponseAt !== null)!;
    const expected = Math.round(officeMinutes(Date.parse(answered.createdAt), Date.parse(answered.firstResponseAt!)));
    expect(answered.vendorMetrics!.firstReplyMinutes!.business).toBe(expected);
  });

  it('its webhook deliveries fold into the same contacts as the export (but for what webhooks do not carry)', () => {
    const folded = new Map<string, NormalisedContact>();
    for (const body of generated.webhooks) {
      const result = mapZendeskWebhook(body);
      if (result.kind !== 'patch') throw new Error(JSON.stringify(result));
      const next = applyContactPatch(folded.get(result.patch.externalId) ?? null, result.patch);
      if (isContactRejection(next)) throw new Error(next.message);
      folded.set(next.externalId, next);
    }
    expect(folded.size).toBe(3000);
    const comparable = (c: NormalisedContact) => [
      c.externalUpdatedAt,
      c.channel,
      c.agent?.ref,
      c.group?.ref,
      c.customerRef,
      c.category,
      c.createdAt,
      c.firstResponseAt,
      c.resolvedAt,
      c.lastResolvedAt,
      c.reopenCount,
      c.status,
      c.vendorStatus,
      c.priority,
      c.tags,
      c.escalatedTo,
    ];
    for (const c of contacts) expect(comparable(folded.get(c.externalId)!)).toEqual(comparable(c));
  });

  it('time-based pages carry end_time and next_page', () => {
    const timed = generateZendesk({ seed: 1, tickets: 10, pageSize: 4, shape: 'time' });
    expect(timed.pages.map((p) => mapZendeskExportPage(p).cursor.endOfStream)).toEqual([false, false, true]);
    expect(mapZendeskExportPage(timed.pages[0]).cursor.endTime).toEqual(expect.any(Number));
  });
});

describe('generateFreshdesk', () => {
  const generated = generateFreshdesk({ seed: 11, tickets: 2500 });
  const contacts = generated.pages.flatMap((page) => {
    const mapped = mapFreshdeskTickets(page);
    expect(mapped.rejected).toEqual([]);
    return mapped.contacts;
  });

  it('maps without rejections to the generated times, in pages of 100', () => {
    expect(generated.pages).toHaveLength(25);
    const byId = new Map(contacts.map((c) => [c.externalId, c]));
    for (const truth of generated.truth) {
      const c = byId.get(truth.externalId)!;
      expect([c.createdAt, c.firstResponseAt, c.resolvedAt, c.reopenCount]).toEqual(
        [truth.createdAt, truth.firstResponseAt, truth.resolvedAt, truth.reopenCount].map((v) =>
          typeof v === 'string' ? new Date(v).toISOString() : v,
        ),
      );
    }
    const { surveys, rejected } = mapFreshdeskSatisfactionRatings(generated.ratings);
    expect(rejected).toEqual([]);
    expect(surveys.length).toBeGreaterThan(400);
    expect(surveys.every((s) => byId.get(s.contactExternalId)?.status === 'RESOLVED')).toBe(true);
  });
});
