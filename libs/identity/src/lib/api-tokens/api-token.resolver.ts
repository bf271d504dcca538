import { Actor, CurrentActor, PageArgs } from '@deskforce/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateApiTokenInput, RevokeApiTokenInput } from '../graphql/api-token.input';
import { ApiTokenConnection, CreateApiTokenPayload, RevokeApiTokenPayload } from '../graphql/api-token.model';
import { ApiTokenService } from './api-token.service';

@Resolver()
export class ApiTokenResolver {
  constructor(private readonly tokenService: ApiTokenService) {}

  @Query(() => ApiTokenConnection, {
    description: 'The organisation’s API tokens, newest first (never their secrets).',
  })
  apiTokens(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<ApiTokenConnection> {
    return this.tokenService.list(actor, page.first, page.after);
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: 'Creates a token for an integration; its secret is in the answer and nowhere else.',
  })
  createApiToken(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateApiTokenInput,
  ): Promise<CreateApiTokenPayload> {
    return this.tokenService.create(actor, input);
  }

  @Mutation(() => RevokeApiTokenPayload, { description: 'Revokes a token; it stops working at once.' })
  async revokeApiToken(
    @CurrentActor() actor: Actor,
    @Args('input') input: RevokeApiTokenInput,
  ): Promise<RevokeApiTokenPayload> {
    return { apiToken: await this.tokenService.revoke(actor, input.id) };
  }
}
