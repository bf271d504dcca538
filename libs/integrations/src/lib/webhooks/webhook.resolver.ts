import { Actor, CurrentActor, PageArgs } from '@deskforce/platform';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  ResendWebhookDeliveryInput,
  UpdateWebhookEndpointInput,
} from './graphql/webhook.input';
import { WebhookDeliveriesArgs } from './graphql/webhook.args';
import {
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  ResendWebhookDeliveryPayload,
  UpdateWebhookEndpointPayload,
  WebhookDeliveryConnection,
  WebhookEndpointConnection,
} from './graphql/webhook.model';
import { WebhookService } from './webhook.service';

@Resolver()
export class WebhookResolver {
  constructor(private readonly webhooks: WebhookService) {}

  @Query(() => WebhookEndpointConnection, {
    description: 'The organisation’s webhook endpoints, oldest first (never their secrets).',
  })
  webhookEndpoints(@CurrentActor() actor: Actor, @Args() page: PageArgs): Promise<WebhookEndpointConnection> {
    return this.webhooks.list(actor, page.first, page.after);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: 'Deliveries to one endpoint, newest first, each with its attempts and last answer.',
  })
  webhookDeliveries(
    @CurrentActor() actor: Actor,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<WebhookDeliveryConnection> {
    return this.webhooks.deliveries(actor, args.endpointId, args.first, args.after);
  }

  @Mutation(() => CreateWebhookEndpointPayload, {
    description: 'Registers an endpoint for events; its signing secret is in the answer and nowhere else.',
  })
  createWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<CreateWebhookEndpointPayload> {
    return this.webhooks.create(actor, input);
  }

  @Mutation(() => UpdateWebhookEndpointPayload, {
    description: 'Changes an endpoint’s address, events or description, or switches it off and on.',
  })
  async updateWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateWebhookEndpointInput,
  ): Promise<UpdateWebhookEndpointPayload> {
    return { endpoint: await this.webhooks.update(actor, input) };
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Deletes an endpoint and its delivery history.' })
  async deleteWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args('input') input: DeleteWebhookEndpointInput,
  ): Promise<DeleteWebhookEndpointPayload> {
    return { deletedId: await this.webhooks.delete(actor, input.id) };
  }

  @Mutation(() => ResendWebhookDeliveryPayload, {
    description: 'Sends a delivery’s event again, as a new delivery with the same event id.',
  })
  async resendWebhookDelivery(
    @CurrentActor() actor: Actor,
    @Args('input') input: ResendWebhookDeliveryInput,
  ): Promise<ResendWebhookDeliveryPayload> {
    return { delivery: await this.webhooks.resend(actor, input.deliveryId) };
  }
}
