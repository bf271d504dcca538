/**
 * The normalised contact: one help-desk ticket as every connector returns it, whatever its vendor.
 * It carries our vocabulary (channel, status, priority, CSAT 1–5) and, beside each mapped value, the
 * vendor's own value verbatim, so a later definition can use it (docs/help-desk.md says what each
 * vendor value becomes and why). Times are ISO 8601 in UTC with milliseconds (`…Z`).
 *
 * Pure: no Nest, no database. `toInteractionFields` / `toSurveyFields` (ingest-rows.ts) turn it into the
 * rows our ingest takes.
 */

/** The platform's Channel (PHONE, EMAIL, CHAT, SOCIAL, WEB, API, MESSAGING, VOICEMAIL), as plain text; contacts/contact-channels.spec.ts checks they agree. */
export const CONTACT_CHANNELS = ['PHONE', 'EMAIL', 'CHAT', 'SOCIAL', 'WEB', 'API', 'MESSAGING', 'VOICEMAIL'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Our ingest's statuses (README, "Data in"). */
export const CONTACT_STATUSES = ['OPEN', 'RESOLVED', 'ESCALATED'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const CONTACT_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type ContactPriority = (typeof CONTACT_PRIORITIES)[number];

/** An agent as the help desk names them: `zendesk:user:360012`, `freshdesk:agent:42`, and an email when known. */
export interface ExternalAgent {
  ref: string;
  email: string | null;
}

/** A group or queue as the help desk names it (`zendesk:group:98738`); a mapping turns it into a team. */
export interface ExternalGroup {
  ref: string;
}

/** A satisfaction answer (or a survey offered and not answered). */
export interface ContactSatisfaction {
  /** The vendor's value verbatim: `good`, `bad`, `offered`, `unoffered`, `103`, `-101`, `4`… */
  vendorValue: string;
  /** On our 1–5 CSAT scale (4–5 = satisfied); null when nobody answered. See docs/help-desk.md. */
  csat: number | null;
  /** A survey was sent (answered or not). */
  offered: boolean;
  /** The vendor's id of the rating, when it has one (the survey response's external id). */
  ratingId: string | null;
  comment: string | null;
  /** When the answer was given; null when the vendor's shape does not say. */
  respondedAt: string | null;
}

/** A duration as the vendor reports it, in whole minutes, in calendar and in business hours. */
export interface VendorMinutes {
  calendar: number | null;
  business: number | null;
}

/** The vendor's own metric values, kept to compare with ours (e.g. Zendesk's ticket metrics). */
export interface VendorMetrics {
  firstReplyMinutes: VendorMinutes | null;
  /** Messaging tickets only (Zendesk reply_time_in_seconds), calendar seconds. */
  firstReplySeconds: number | null;
  firstResolutionMinutes: VendorMinutes | null;
  fullResolutionMinutes: VendorMinutes | null;
  requesterWaitMinutes: VendorMinutes | null;
  onHoldMinutes: VendorMinutes | null;
}

export interface NormalisedContact {
  /** The system it comes from, e.g. `zendesk`. (source, externalId) identifies the contact. */
  source: string;
  /** The vendor's ticket id, as text. */
  externalId: string;
  /**
   * When the vendor last changed the ticket: a version for idempotency. Apply a record only when it is
   * newer than (or equal to, for a re-send) the one stored; an older one is a late delivery.
   */
  externalUpdatedAt: string;
  channel: ContactChannel;
  /** The vendor's channel verbatim (Zendesk `via.channel`, plus `/source.rel` for voice; Freshdesk `source`). */
  vendorChannel: string;
  /** The assignee; null when unassigned. */
  agent: ExternalAgent | null;
  /** The group or queue; null when none. */
  group: ExternalGroup | null;
  /** An opaque customer reference (the requester's vendor id). */
  customerRef: string | null;
  /** The vendor's ticket type (question, incident…), used as our category; null when none. */
  category: string | null;
  createdAt: string;
  /** First public reply by an agent; null when none yet. */
  firstResponseAt: string | null;
  /** False when derived from whole minutes (Zendesk's export gives no reply timestamp). */
  firstResponseExact: boolean;
  /** The first time it was resolved (our resolvedAt); null when never, or when the vendor cannot say. */
  resolvedAt: string | null;
  /** The last time it was resolved (full resolution); null when never. */
  lastResolvedAt: string | null;
  /** Times reopened; null when the vendor does not say. */
  reopenCount: number | null;
  /** Times seen reopened through webhooks (kept so re-deliveries are idempotent). */
  reopenedAt: string[];
  /** Public agent replies; null when the vendor does not say. */
  replyCount: number | null;
  status: ContactStatus;
  /** The vendor's status verbatim (`pending`, `hold`, `3`…). */
  vendorStatus: string;
  /** Department it was escalated to (from a tag mapping); null when not escalated. */
  escalatedTo: string | null;
  satisfaction: ContactSatisfaction | null;
  priority: ContactPriority | null;
  vendorPriority: string | null;
  tags: string[];
  vendorMetrics: VendorMetrics | null;
}

/** Why one row of a vendor file or payload was not mapped. */
export interface ContactRejection {
  /** Position of the row in its input (from 0), or its line in a file. */
  index: number;
  /** The vendor's id of the row, when it could be read. */
  vendorId: string | null;
  /** Path of the offending vendor field, e.g. `tickets.3.via.channel` or a mapping file's column. */
  field: string;
  message: string;
}

/** A survey answer ready for our survey ingest (one per answered rating). */
export interface NormalisedSurvey {
  source: string;
  /** The rating's id at the vendor (or `<ticket id>:satisfaction` when the vendor gives none). */
  externalId: string;
  /** The ticket it rates. */
  contactExternalId: string;
  agent: ExternalAgent | null;
  group: ExternalGroup | null;
  csat: number | null;
  nps: number | null;
  vendorValue: string;
  comment: string | null;
  respondedAt: string;
}

/** Options every connector takes. */
export interface ConnectorOptions {
  /** Our `source` for the rows (default: the vendor's name). */
  source?: string;
  /** Extra or overriding vendor channel → our channel entries (keys as the vendor spells them, lower case). */
  channelMap?: Readonly<Record<string, ContactChannel>>;
  /**
   * Tags that mean "escalated to a department": tag → department name. A ticket with one of them gets
   * `escalatedTo`, and status ESCALATED while it is not resolved. Help desks have no escalation status.
   */
  escalationTags?: Readonly<Record<string, string>>;
}

/** Thrown when a whole input (not one row) cannot be read, e.g. an export page without its `tickets` list. */
export class ConnectorInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ConnectorInputError';
  }
}
