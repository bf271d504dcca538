import { ContactRejection, ExternalAgent, ExternalGroup, NormalisedContact, NormalisedSurvey } from './contact';

/**
 * Normalised records → the text rows our ingest checks (libs/performance ingest-rules: INTERACTION_FIELDS
 * and SURVEY_FIELDS, camelCase here as clients and files name them). External agents and groups become
 * our ids through a lookup the caller loads from its mappings; an unknown one is a rejection naming it,
 * so the row can be re-sent once a mapping exists.
 */

/** Our ids for external identities; null when there is no mapping (yet). */
export interface IdentityLookup {
  /** By the agent's external ref first, then by email. */
  agentId(agent: ExternalAgent): string | null;
  teamId(group: ExternalGroup): string | null;
}

export type IngestFields = Record<string, string | null>;

export type RowOrRejection = { fields: IngestFields } | { rejection: ContactRejection };

const text = (n: number | null) => (n === null ? null : String(n));

function resolveAgent(
  agent: ExternalAgent | null,
  lookup: IdentityLookup,
  vendorId: string,
  index: number,
): { id: string | null } | { rejection: ContactRejection } {
  if (agent === null) return { id: null };
  const id = lookup.agentId(agent);
  if (id !== null) return { id };
  const named = agent.email ? `${agent.ref} (${agent.email})` : agent.ref;
  return {
    rejection: {
      index,
      vendorId,
      field: 'agent',
      message: `unknown agent ${named}: map it to a Deskforce agent, then re-send`,
    },
  };
}

/**
 * A contact → the interaction fields of our ingest (the channel as the connector mapped it; the ingest takes
 * all eight). The team is the group's mapped team, else the agent's
 * (ingest's default); a contact with neither is refused by the ingest rules.
 */
export function toInteractionFields(contact: NormalisedContact, lookup: IdentityLookup, index = 0): RowOrRejection {
  const agent = resolveAgent(contact.agent, lookup, contact.externalId, index);
  if ('rejection' in agent) return agent;
  let teamId: string | null = null;
  if (contact.group !== null) {
    teamId = lookup.teamId(contact.group);
    if (teamId === null) {
      return {
        rejection: {
          index,
          vendorId: contact.externalId,
          field: 'group',
          message: `unknown group ${contact.group.ref}: map it to a Deskforce team, then re-send`,
        },
      };
    }
  }
  return {
    fields: {
      source: contact.source,
      externalId: contact.externalId,
      channel: contact.channel,
      agentId: agent.id,
      teamId,
      customerRef: contact.customerRef,
      category: contact.category,
      status: contact.status,
      createdAt: contact.createdAt,
      firstResponseAt: contact.firstResponseAt,
      resolvedAt: contact.resolvedAt,
      handleTimeSeconds: null,
      escalatedTo: contact.escalatedTo,
      reopenCount: text(contact.reopenCount),
      contactsToResolve: null,
      complaint: null,
      answeredAt: null,
      abandonedAt: null,
      waitTimeSeconds: null,
    },
  };
}

/**
 * The survey answer a ticket carries (Zendesk's satisfaction_rating), or null when unrated or only
 * offered. Zendesk's ticket does not say when the rating was given: the ticket's update time stands in.
 */
export function surveyFromContact(contact: NormalisedContact): NormalisedSurvey | null {
  const s = contact.satisfaction;
  if (s === null || s.csat === null) return null;
  return {
    source: contact.source,
    externalId: s.ratingId ?? `${contact.externalId}:satisfaction`,
    contactExternalId: contact.externalId,
    agent: contact.agent,
    group: contact.group,
    csat: s.csat,
    nps: null,
    vendorValue: s.vendorValue,
    comment: s.comment,
    respondedAt: s.respondedAt ?? contact.externalUpdatedAt,
  };
}

/** A survey answer → the survey fields of our ingest. */
export function toSurveyFields(survey: NormalisedSurvey, lookup: IdentityLookup, index = 0): RowOrRejection {
  const agent = resolveAgent(survey.agent, lookup, survey.externalId, index);
  if ('rejection' in agent) return agent;
  return {
    fields: {
      source: survey.source,
      externalId: survey.externalId,
      interactionSource: survey.source,
      interactionExternalId: survey.contactExternalId,
      agentId: agent.id,
      csat: text(survey.csat),
      nps: text(survey.nps),
      comment: survey.comment,
      respondedAt: survey.respondedAt,
    },
  };
}
