import { AgentService, TeamService } from '@deskforce/people';
import { Actor, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { BatchSource, IngestKind, ingestInteractions, ingestStates, ingestSurveys, INGEST_LOCK, KnownAgents, PRUNE_EMPTY_CELLS } from './ingest/ingest-sql';
import { PerformanceRepository } from './kpi.repository';

export interface IngestRejection {
  /** Batch index (GraphQL) or line number (import). */
  index: number;
  /** camelCase field name, e.g. resolvedAt. */
  field: string;
  message: string;
}

export interface IngestResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: IngestRejection[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATEMENTS = { interactions: ingestInteractions, surveys: ingestSurveys, states: ingestStates };

interface SummaryRow {
  kind: 'summary' | 'rejected';
  idx: string | null;
  problem: string | null;
  inserted: number | null;
  updated: number | null;
  valid: number | null;
}

/** camelCase → snake_case, for the source columns of the ingest statements. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A GraphQL row as the ingest statement's text fields (dates as ISO 8601, numbers and booleans as text). */
export function toSourceRow(row: object, idx: number): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = { idx };
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined || value === null) continue;
    out[snake(key)] = value instanceof Date ? value.toISOString() : String(value);
  }
  return out;
}

/**
 * Batches of interactions, survey responses and agent states, for GraphQL and for the import command.
 * One transaction per batch: valid rows land, rejected ones are listed, re-sending changes nothing.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: PerformanceRepository,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
  ) {}

  ingest(actor: Actor, kind: IngestKind, rows: readonly object[]): Promise<IngestResult> {
    const source: BatchSource = { kind: 'json', rows: rows.map((row, i) => toSourceRow(row, i)) };
    const ids = (name: string) => [...new Set(rows.map((r) => (r as Record<string, unknown>)[name]).filter((v): v is string => typeof v === 'string' && UUID.test(v)))];
    return this.db.transaction(actor.tenantId, () => this.run(actor, kind, source, ids('agentId'), ids('teamId')));
  }

  /** In the open tenant transaction: one batch from `source`, which names these agents and teams. */
  async run(actor: Actor, kind: IngestKind, source: BatchSource, agentIds: string[], teamIds: string[]): Promise<IngestResult> {
    const known = await this.known(actor, agentIds, teamIds);
    await this.repository.run(INGEST_LOCK);
    const rows = await this.repository.run<SummaryRow>(STATEMENTS[kind](source, known));
    for (const statement of PRUNE_EMPTY_CELLS) await this.repository.run(statement);
    const summary = rows.find((r) => r.kind === 'summary')!;
    const inserted = summary.inserted ?? 0;
    const updated = summary.updated ?? 0;
    return {
      inserted,
      updated,
      unchanged: (summary.valid ?? 0) - inserted - updated,
      rejected: rows
        .filter((r) => r.kind === 'rejected')
        .map((r) => {
          const [field, ...message] = r.problem!.split('|');
          return { index: Number(r.idx), field: field!, message: message.join('|') };
        })
        .sort((a, b) => a.index - b.index),
    };
  }

  private async known(actor: Actor, agentIds: string[], teamIds: string[]): Promise<KnownAgents> {
    const agents = (await this.agents.byIds(actor, agentIds)).filter((a) => a !== null);
    const teams = (await this.teams.byIds(actor, teamIds)).filter((t) => t !== null);
    return { agentIds: agents.map((a) => a!.id), agentTeamIds: agents.map((a) => a!.teamId), teamIds: teams.map((t) => t!.id) };
  }
}

