import { ExternalAgent, ExternalGroup } from '../connectors/contact';
import { IdentityLookup } from '../connectors/ingest-rows';
import { ResolvedIdentities } from './external-identity.repository';

/** `email:Ana@X.com` → `ana@x.com`; null for a reference that is not an email one. */
export function emailOfRef(ref: string): string | null {
  return ref.startsWith('email:') ? ref.slice('email:'.length).trim().toLowerCase() : null;
}

/** What a batch of agents and groups needs looked up: references by kind, and emails (lower case). */
export function namedIdentities(
  agents: readonly (ExternalAgent | null)[],
  groups: readonly (ExternalGroup | null)[],
): { agentRefs: string[]; teamRefs: string[]; emails: string[] } {
  const agentRefs = new Set<string>();
  const teamRefs = new Set<string>();
  const emails = new Set<string>();
  for (const a of agents) {
    if (!a) continue;
    agentRefs.add(a.ref);
    const email = emailOfRef(a.ref) ?? a.email?.trim().toLowerCase();
    if (email) {
      emails.add(email);
      agentRefs.add(`email:${email}`);
    }
  }
  for (const g of groups) if (g) teamRefs.add(g.ref);
  return { agentRefs: [...agentRefs], teamRefs: [...teamRefs], emails: [...emails] };
}

/**
 * The lookup the connectors' `toInteractionFields` asks: an agent by its mapped reference, then by a
 * mapping of its email, then by the email of one of our agents; a group by its mapped reference.
 */
export function identityLookup(resolved: ResolvedIdentities): IdentityLookup {
  return {
    agentId(agent) {
      const mapped = resolved.agents.get(agent.ref);
      if (mapped) return mapped;
      const email = emailOfRef(agent.ref) ?? agent.email?.trim().toLowerCase() ?? null;
      if (!email) return null;
      return resolved.agents.get(`email:${email}`) ?? resolved.agentEmails.get(email) ?? null;
    },
    teamId(group) {
      return resolved.teams.get(group.ref) ?? null;
    },
  };
}
