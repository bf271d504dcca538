import { Actor, CurrentActor } from '@deskforce/platform';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IngestAgentStatesInput, IngestInteractionsInput, IngestPayload, IngestSurveyResponsesInput } from './graphql/ingest.input';
import { IngestResult, IngestService } from './ingest.service';

function payload(result: IngestResult, list: string): IngestPayload {
  return { ...result, rejected: result.rejected.map((r) => ({ index: r.index, field: `input.${list}.${r.index}.${r.field}`, message: r.message })) };
}

@Resolver()
export class IngestResolver {
  constructor(private readonly ingest: IngestService) {}

  @Mutation(() => IngestPayload, { description: 'Upserts contacts by (source, externalId); valid rows land, the others are listed in `rejected`.' })
  async ingestInteractions(@CurrentActor() actor: Actor, @Args('input') input: IngestInteractionsInput): Promise<IngestPayload> {
    return payload(await this.ingest.ingest(actor, 'interactions', input.interactions), 'interactions');
  }

  @Mutation(() => IngestPayload, { description: 'Upserts survey responses by (source, externalId); each rates an interaction sent before.' })
  async ingestSurveyResponses(@CurrentActor() actor: Actor, @Args('input') input: IngestSurveyResponsesInput): Promise<IngestPayload> {
    return payload(await this.ingest.ingest(actor, 'surveys', input.responses), 'responses');
  }

  @Mutation(() => IngestPayload, { description: 'Upserts agent state events by (agentId, startedAt).' })
  async ingestAgentStates(@CurrentActor() actor: Actor, @Args('input') input: IngestAgentStatesInput): Promise<IngestPayload> {
    return payload(await this.ingest.ingest(actor, 'states', input.states), 'states');
  }
}
