import { Actor, AppError, ConnectionShape, decodeCursor, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { InteractionModel } from './graphql/interaction.model';
import { InteractionsInput } from './graphql/interaction.input';
import { InteractionRepository } from './interaction.repository';
import { KpiService } from './kpi.service';

const MAX_WINDOW_DAYS = 732;

/** Contacts, listed with the same authorization and slice as the KPIs they make up. */
@Injectable()
export class InteractionService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly interactions: InteractionRepository,
    private readonly kpis: KpiService,
  ) {}

  list(
    actor: Actor,
    input: InteractionsInput,
    first: number,
    after?: string,
  ): Promise<ConnectionShape<InteractionModel>> {
    if (input.to <= input.from) throw AppError.badInput({ field: 'input.to', message: 'must be after from' });
    if (input.to.getTime() - input.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
      throw AppError.badInput({ field: 'input.to', message: `must be at most ${MAX_WINDOW_DAYS} days after from` });
    }
    let cursor: { createdAt: string; id: string } | undefined;
    if (after) {
      const [createdAt, id] = decodeCursor(after, ['string', 'string']).map(String) as [string, string];
      if (!/^\d{1,18}$/.test(id) || Number.isNaN(Date.parse(createdAt)))
        throw AppError.badInput({ field: 'after', message: 'is not a cursor returned by this list' });
      cursor = { createdAt, id };
    }
    return this.db.transaction(actor.tenantId, async () => {
      const teamIds = await this.kpis.readableTeams(actor, input.filter?.teamIds);
      const { rows, totalCount } = await this.interactions.page(
        {
          from: input.from,
          to: input.to,
          teamIds,
          agentIds: input.filter?.agentIds,
          channels: input.filter?.channels,
          categories: input.filter?.categories,
        },
        first,
        cursor,
      );
      return toConnection(
        rows,
        first,
        totalCount,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => r,
      );
    });
  }
}
