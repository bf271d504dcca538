import { AgentService, TeamService } from '@deskforce/people';
import { Actor, AppError, AuditLog, ConnectionShape, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { ExternalAgent, ExternalGroup } from '../connectors/contact';
import { IdentityLookup } from '../connectors/ingest-rows';
import { ExternalIdentityRepository, ExternalIdentityRow } from './external-identity.repository';
import { ExternalIdentityKind, ExternalIdentityModel } from './graphql/external-identity.model';
import { MapExternalIdentityInput, UnmapExternalIdentityInput } from './graphql/external-identity.input';
import { ExternalIdentitiesArgs } from './graphql/external-identity.args';
import { emailOfRef, identityLookup, namedIdentities } from './identity-lookup';

export function toExternalIdentityModel(row: ExternalIdentityRow): ExternalIdentityModel {
  const kind = row.kind as ExternalIdentityKind;
  return {
    kind,
    externalRef: row.externalRef,
    source: row.source,
    agentId: kind === ExternalIdentityKind.AGENT ? row.entityId : null,
    teamId: kind === ExternalIdentityKind.TEAM ? row.entityId : null,
    createdAt: row.createdAt,
  };
}

/** An email reference is kept in lower case so that `Ana@X.com` and `ana@x.com` are one mapping. */
function canonicalRef(ref: string): string {
  const trimmed = ref.trim();
  const email = emailOfRef(trimmed);
  return email === null ? trimmed : `email:${email}`;
}

/**
 * The tenant's mappings of help-desk references to agents and teams: managed through GraphQL (audited), and
 * read in batches by the import command and the webhook endpoints (`lookupFor`).
 */
@Injectable()
export class ExternalIdentityService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly identities: ExternalIdentityRepository,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
    private readonly audit: AuditLog,
  ) {}

  map(actor: Actor, input: MapExternalIdentityInput): Promise<ExternalIdentityModel> {
    const agent = input.kind === ExternalIdentityKind.AGENT;
    const entityId = agent ? input.agentId : input.teamId;
    const other = agent ? input.teamId : input.agentId;
    if (!entityId)
      throw AppError.badInput({
        field: agent ? 'input.agentId' : 'input.teamId',
        message: `is required for kind ${input.kind}`,
      });
    if (other)
      throw AppError.badInput({
        field: agent ? 'input.teamId' : 'input.agentId',
        message: `is not allowed for kind ${input.kind}`,
      });
    const externalRef = canonicalRef(input.externalRef);
    return this.db.transaction(actor.tenantId, async () => {
      const [found] = agent ? await this.agents.byIds(actor, [entityId]) : await this.teams.byIds(actor, [entityId]);
      if (!found) throw AppError.notFound(agent ? 'Agent' : 'Team', entityId, agent ? 'input.agentId' : 'input.teamId');
      const before = await this.identities.find(input.kind, externalRef);
      const row = await this.identities.upsert(
        {
          kind: input.kind,
          externalRef,
          source: externalRef.slice(0, externalRef.indexOf(':')),
          entityId: entityId.toLowerCase(),
        },
        new Date(),
      );
      if (before?.entityId !== row.entityId) {
        await this.audit.record(actor, [
          {
            entityType: 'EXTERNAL_IDENTITY',
            entityId: row.entityId,
            agentId: agent ? row.entityId : null,
            action: before ? 'UPDATE' : 'CREATE',
            before: before ? toExternalIdentityModel(before) : null,
            after: toExternalIdentityModel(row),
          },
        ]);
      }
      return toExternalIdentityModel(row);
    });
  }

  unmap(actor: Actor, input: UnmapExternalIdentityInput): Promise<ExternalIdentityModel | null> {
    return this.db.transaction(actor.tenantId, async () => {
      const removed = await this.identities.remove(input.kind, canonicalRef(input.externalRef));
      if (!removed) return null;
      await this.audit.record(actor, [
        {
          entityType: 'EXTERNAL_IDENTITY',
          entityId: removed.entityId,
          agentId: removed.kind === 'AGENT' ? removed.entityId : null,
          action: 'DELETE',
          before: toExternalIdentityModel(removed),
        },
      ]);
      return toExternalIdentityModel(removed);
    });
  }

  list(actor: Actor, args: ExternalIdentitiesArgs): Promise<ConnectionShape<ExternalIdentityModel>> {
    return this.db.transaction(actor.tenantId, async () => {
      const { rows, totalCount } = await this.identities.page(args.kind, args.source, args.first, args.after);
      return toConnection(rows, args.first, totalCount, (r) => [r.externalRef, r.kind], toExternalIdentityModel);
    });
  }

  /** In the open tenant transaction: the mappings of every agent and group a batch names, and agents known by their own email. */
  async lookupFor(
    agents: readonly (ExternalAgent | null)[],
    groups: readonly (ExternalGroup | null)[],
  ): Promise<IdentityLookup> {
    const named = namedIdentities(agents, groups);
    if (named.agentRefs.length === 0 && named.teamRefs.length === 0)
      return identityLookup({ agents: new Map(), teams: new Map(), agentEmails: new Map() });
    const mapped = await this.identities.resolve(named.agentRefs, named.teamRefs);
    return identityLookup({ ...mapped, agentEmails: await this.agents.idsByEmail(named.emails) });
  }
}
