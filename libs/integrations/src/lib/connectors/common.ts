import { ConnectorOptions, ContactChannel, ContactPriority, ContactRejection, ContactStatus } from './contact';
import { RowProblem } from './values';

/** Rules every vendor shares: escalation from tags, status with escalation, priority names, rejections. */

/** The department of the first escalation tag the ticket carries (in the options' order), or null. */
export function escalationOf(tags: readonly string[], options: ConnectorOptions): string | null {
  const map = options.escalationTags;
  if (!map) return null;
  const present = new Set(tags.map((t) => t.toLowerCase()));
  for (const [tag, department] of Object.entries(map)) if (present.has(tag.toLowerCase())) return department;
  return null;
}

/**
 * Our status from the vendor's lifecycle: resolved stays RESOLVED (an escalation is still recorded in
 * escalatedTo, which is what the escalation rate counts); an unresolved escalated ticket is ESCALATED.
 */
export function statusOf(resolved: boolean, escalatedTo: string | null): ContactStatus {
  if (resolved) return 'RESOLVED';
  return escalatedTo === null ? 'OPEN' : 'ESCALATED';
}

/** Vendor channel name → our channel: the options' entries first, then the vendor's table. */
export function channelOf(
  vendorName: string,
  table: Readonly<Record<string, ContactChannel>>,
  options: ConnectorOptions,
  field: string,
): ContactChannel {
  const key = vendorName.toLowerCase();
  const channel = options.channelMap?.[key] ?? table[key];
  if (channel === undefined)
    throw new RowProblem(field, `channel "${vendorName}" has no mapping; add it to the connector's channelMap`);
  return channel;
}

const PRIORITIES: Record<string, ContactPriority> = {
  low: 'LOW',
  normal: 'NORMAL',
  medium: 'NORMAL',
  high: 'HIGH',
  urgent: 'URGENT',
};

export function priorityOf(vendorName: string | null): ContactPriority | null {
  return vendorName === null ? null : (PRIORITIES[vendorName.toLowerCase()] ?? null);
}

/** Runs a per-row mapper, turning a RowProblem into a rejection of that row (other errors propagate). */
export function mapRow<T>(
  index: number,
  vendorId: string | null,
  prefix: string,
  map: () => T,
): { value: T } | { rejection: ContactRejection } {
  try {
    return { value: map() };
  } catch (error) {
    if (error instanceof RowProblem)
      return { rejection: { index, vendorId, field: `${prefix}${error.field}`, message: error.message } };
    throw error;
  }
}

/** The earlier / later of two optional ISO instants (same format, so text order is time order). */
export function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

export function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}
