import { Injectable } from '@nestjs/common';
import { ExternalGroup, NormalisedContact, NormalisedSurvey } from '../connectors/contact';
import { IngestFields, surveyFromContact, toInteractionFields, toSurveyFields } from '../connectors/ingest-rows';
import { ExternalIdentityService } from '../identities/external-identity.service';
import { ExternalContactRepository } from './external-contact.repository';

/** A row of a batch, at its position (a ticket's place in a file, or a delivery's index). */
export interface Positioned<T> {
  idx: number;
  value: T;
}

export interface PreparedRow {
  idx: number;
  fields: IngestFields;
}

export interface PreparedRejection {
  idx: number;
  vendorId: string | null;
  field: string;
  message: string;
}

/** A batch of contacts ready for our ingest. */
export interface PreparedContacts {
  interactions: PreparedRow[];
  /** Survey answers the tickets carry (Zendesk's satisfaction_rating), at their ticket's position. */
  surveys: PreparedRow[];
  rejected: PreparedRejection[];
  /** Positions of contacts older than the stored version of their ticket: a late delivery, ignored. */
  stale: number[];
}

/**
 * Help-desk contacts → our ingest rows, the same way for the import command and the webhook endpoints:
 * a contact older than the stored version of its ticket is ignored (the later `externalUpdatedAt` wins;
 * an equal one is a re-send and goes through again, so rows rejected for an unmapped agent are accepted
 * once the mapping exists); agents and groups resolve through the tenant's mappings with one statement
 * per batch; each ticket is stored as normalised. Runs in the caller's tenant transaction.
 */
@Injectable()
export class HelpDeskContactsService {
  constructor(
    private readonly contacts: ExternalContactRepository,
    private readonly identities: ExternalIdentityService,
  ) {}

  /** The stored tickets of a source (for webhook deliveries to fold into), held to the end of the transaction, stored yet or not. */
  async stored(source: string, externalIds: readonly string[]): Promise<Map<string, NormalisedContact>> {
    await this.contacts.lock(source, externalIds);
    const found = await this.contacts.find(source, externalIds, true);
    return new Map([...found].map(([id, s]) => [id, s.contact]));
  }

  async prepare(batch: readonly Positioned<NormalisedContact>[], now = new Date()): Promise<PreparedContacts> {
    const prepared: PreparedContacts = { interactions: [], surveys: [], rejected: [], stale: [] };
    if (batch.length === 0) return prepared;
    const fresh: Positioned<NormalisedContact>[] = [];
    const bySource = new Map<string, Positioned<NormalisedContact>[]>();
    for (const row of batch) bySource.set(row.value.source, [...(bySource.get(row.value.source) ?? []), row]);
    for (const [source, rows] of bySource) {
      const stored = await this.contacts.find(source, [...new Set(rows.map((r) => r.value.externalId))]);
      for (const row of rows) {
        const version = stored.get(row.value.externalId)?.externalUpdatedAt.getTime();
        if (version !== undefined && version > Date.parse(row.value.externalUpdatedAt)) prepared.stale.push(row.idx);
        else fresh.push(row);
      }
    }
    const lookup = await this.identities.lookupFor(
      fresh.map((r) => r.value.agent),
      fresh.map((r) => r.value.group),
    );
    for (const { idx, value: contact } of fresh) {
      const row = toInteractionFields(contact, lookup, idx);
      if ('rejection' in row) {
        prepared.rejected.push({
          idx,
          vendorId: contact.externalId,
          field: row.rejection.field,
          message: row.rejection.message,
        });
        continue;
      }
      prepared.interactions.push({ idx, fields: row.fields });
      const survey = surveyFromContact(contact);
      if (survey) {
        const answer = toSurveyFields(survey, lookup, idx);
        if ('fields' in answer) prepared.surveys.push({ idx, fields: answer.fields });
      }
    }
    await this.contacts.store(
      fresh.map((r) => r.value),
      now,
    );
    return prepared;
  }

  /** Survey answers from a ratings API (Freshdesk's satisfaction ratings, Zendesk's) → survey rows. */
  async prepareSurveys(
    batch: readonly Positioned<NormalisedSurvey>[],
  ): Promise<{ surveys: PreparedRow[]; rejected: PreparedRejection[] }> {
    const lookup = await this.identities.lookupFor(
      batch.map((r) => r.value.agent),
      [] as ExternalGroup[],
    );
    const surveys: PreparedRow[] = [];
    const rejected: PreparedRejection[] = [];
    for (const { idx, value } of batch) {
      const row = toSurveyFields(value, lookup, idx);
      if ('rejection' in row)
        rejected.push({ idx, vendorId: value.externalId, field: row.rejection.field, message: row.rejection.message });
      else surveys.push({ idx, fields: row.fields });
    }
    return { surveys, rejected };
  }
}
