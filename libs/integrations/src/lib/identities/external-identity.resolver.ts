import { Actor, CurrentActor } from '@deskforce/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ExternalIdentityService } from './external-identity.service';
import { MapExternalIdentityInput, UnmapExternalIdentityInput } from './graphql/external-identity.input';
import { ExternalIdentitiesArgs } from './graphql/external-identity.args';
import {
  ExternalIdentityConnection,
  ExternalIdentityModel,
  MapExternalIdentityPayload,
  UnmapExternalIdentityPayload,
} from './graphql/external-identity.model';

@Resolver(() => ExternalIdentityModel)
export class ExternalIdentityResolver {
  constructor(private readonly identities: ExternalIdentityService) {}

  @Query(() => ExternalIdentityConnection, {
    description: 'How the help desks name our agents and teams, ordered by reference.',
  })
  externalIdentities(
    @CurrentActor() actor: Actor,
    @Args() args: ExternalIdentitiesArgs,
  ): Promise<ExternalIdentityConnection> {
    return this.identities.list(actor, args);
  }

  @Mutation(() => MapExternalIdentityPayload, {
    description:
      'Maps a help-desk reference to an agent or a team (re-points it when already mapped). Rows rejected for naming it can then be re-sent.',
  })
  async mapExternalIdentity(
    @CurrentActor() actor: Actor,
    @Args('input') input: MapExternalIdentityInput,
  ): Promise<MapExternalIdentityPayload> {
    return { identity: await this.identities.map(actor, input) };
  }

  @Mutation(() => UnmapExternalIdentityPayload)
  async unmapExternalIdentity(
    @CurrentActor() actor: Actor,
    @Args('input') input: UnmapExternalIdentityInput,
  ): Promise<UnmapExternalIdentityPayload> {
    return { removed: await this.identities.unmap(actor, input) };
  }
}
