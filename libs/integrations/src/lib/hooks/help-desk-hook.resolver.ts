import { Actor, CurrentActor, PageArgs } from '@deskforce/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CreateHelpDeskHookPayload,
  DeleteHelpDeskHookPayload,
  HelpDeskHookConnection,
} from './graphql/help-desk-hook.model';
import { CreateHelpDeskHookInput, DeleteHelpDeskHookInput } from './graphql/help-desk-hook.input';
import { HelpDeskHookService } from './help-desk-hook.service';

@Resolver()
export class HelpDeskHookResolver {
  constructor(private readonly hooks: HelpDeskHookService) {}

  @Query(() => HelpDeskHookConnection, {
    description: "The organisation's signed help-desk hooks, oldest first (never their secrets).",
  })
  helpDeskHooks(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<HelpDeskHookConnection> {
    return this.hooks.list(actor, page.first, page.after);
  }

  @Mutation(() => CreateHelpDeskHookPayload, {
    description:
      "Stores a help-desk webhook's signing secret; deliveries to the answer's path are then authenticated by the vendor's signature.",
  })
  async createHelpDeskHook(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateHelpDeskHookInput,
  ): Promise<CreateHelpDeskHookPayload> {
    return { hook: await this.hooks.create(actor, input) };
  }

  @Mutation(() => DeleteHelpDeskHookPayload, { description: 'Deletes a signed hook: its path accepts nothing more.' })
  async deleteHelpDeskHook(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeleteHelpDeskHookInput,
  ): Promise<DeleteHelpDeskHookPayload> {
    return { deletedId: await this.hooks.delete(actor, input.id) };
  }
}
