import { Actor, AppError, CurrentActor } from '@deskforce/platform';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IngestPayload } from './graphql/ingest.model';
import {
  checkRowShapes,
  IngestAgentStatesInput,
  IngestInteractionsInput,
  IngestSurveyResponsesInput,
} from './graphql/ingest.input';
import { IngestKind } from './ingest/ingest-rules';
import { IngestService } from './ingest.service';
import { ingestWork } from './graphql/kpi.work';

@Resolver()
export class IngestResolver {
  constructor(private readonly ingest: IngestService) {}

  @Mutation(() => IngestPayload, {
    description: 'Upserts contacts by (source, externalId); valid rows land, the others are listed in `rejected`.',
    complexity: ingestWork,
  })
  ingestInteractions(
    @CurrentActor() actor: Actor,
    @Args('input') input: IngestInteractionsInput,
  ): Promise<IngestPayload> {
    return this.run(actor, 'interactions', 'interactions', input.interactions);
  }

  @Mutation(() => IngestPayload, {
    description: 'Upserts survey responses by (source, externalId); each rates an interaction sent before.',
    complexity: ingestWork,
  })
  ingestSurveyResponses(
    @CurrentActor() actor: Actor,
    @Args('input') input: IngestSurveyResponsesInput,
  ): Promise<IngestPayload> {
    return this.run(actor, 'surveys', 'responses', input.responses);
  }

  @Mutation(() => IngestPayload, {
    description: 'Upserts agent state events by (agentId, startedAt).',
    complexity: ingestWork,
  })
  ingestAgentStates(
    @CurrentActor() actor: Actor,
    @Args('input') input: IngestAgentStatesInput,
  ): Promise<IngestPayload> {
    return this.run(actor, 'states', 'states', input.states);
  }

  private async run(
    actor: Actor,
    kind: IngestKind,
    list: 'interactions' | 'responses' | 'states',
    rows: readonly object[],
  ): Promise<IngestPayload> {
    const shape = checkRowShapes(list, rows);
    if (shape.length > 0) throw AppError.badInput(shape);
    const result = await this.ingest.ingest(actor, kind, rows);
    return {
      ...result,
      rejected: result.rejected.map((r) => ({
        index: r.index,
        field: `input.${list}.${r.index}.${r.field}`,
        message: r.message,
      })),
    };
  }
}
