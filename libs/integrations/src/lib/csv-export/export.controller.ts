import { AgentService, TeamService } from '@deskforce/people';
import { KpiGroupBy, KpiMetric, kpiWork, KpiService } from '@deskforce/performance';
import {
  Actor,
  APP_CONFIG,
  AppConfig,
  AppError,
  ErrorCode,
  FieldProblem,
  HttpActor,
  HttpOperation,
  MAX_PAGE_SIZE,
  RequestScope,
  inRequestScope,
} from '@deskforce/platform';
import { SchedulePlanningService, ShiftModel, ShiftService } from '@deskforce/scheduling';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CsvColumn, csvStream } from '../export/csv-writer';
import {
  ExportCoverageQuery,
  ExportFilterQuery,
  ExportKpisQuery,
  ExportKpiTrendQuery,
  ExportScorecardsQuery,
  ExportShiftsQuery,
} from './export.query';
import {
  COVERAGE_COLUMNS,
  kpiColumns,
  SCORECARD_COLUMNS,
  ScorecardCsvRow,
  SHIFT_COLUMNS,
  ShiftCsvRow,
  TREND_COLUMNS,
} from './kpi-csv';

/** The longest schedule range one export may ask for. */
const MAX_SHIFT_RANGE_DAYS = 366;

/**
 * CSV exports for spreadsheets and BI tools: `GET /export/kpis.csv`, `/kpi-trend.csv`, `/scorecards.csv`,
 * `/coverage.csv` and `/shifts.csv`. Each route is guarded as its GraphQL field (Bearer token, the same role table via
 * HttpOperation) and calls the same service method as the resolver, so team scoping and every check
 * apply unchanged; the same work bound as GraphQL's refuses a question too big for one request. The answer
 * is UTF-8 with a byte-order mark and a header row, formula-neutralised (csv-writer), streamed out as it
 * is written. Bad parameters answer 400 with the field named, in the API's JSON error shape.
 */
@Controller('export')
export class ExportController {
  constructor(
    private readonly kpis: KpiService,
    private readonly agents: AgentService,
    private readonly teams: TeamService,
    private readonly planning: SchedulePlanningService,
    private readonly shifts: ShiftService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('kpis.csv')
  @HttpOperation('Query.kpis')
  async kpiReport(@HttpActor() actor: Actor, @Query() query: ExportKpisQuery, @Res() res: Response): Promise<void> {
    return readScope(res, async () => {
      this.bound(kpiWork({ from: query.from, to: query.to, groupBy: query.groupBy }, query.metrics));
      const result = await asHttp(
        this.kpis.kpis(actor, {
          ...window(query),
          metrics: query.metrics,
          groupBy: query.groupBy,
          filter: filterOf(query),
        }),
      );
      send(res, `kpis-${day(query.from)}-${day(query.to)}.csv`, kpiColumns(query.groupBy, query.metrics), result.rows);
    });
  }

  @Get('kpi-trend.csv')
  @HttpOperation('Query.kpiTrend')
  async kpiTrend(@HttpActor() actor: Actor, @Query() query: ExportKpiTrendQuery, @Res() res: Response): Promise<void> {
    return readScope(res, async () => {
      this.bound(kpiWork({ from: query.from, to: query.to, groupBy: [] }, query.metric));
      const points = await asHttp(
        this.kpis.trend(actor, {
          ...window(query),
          metric: query.metric,
          granularity: query.granularity,
          filter: filterOf(query),
        }),
      );
      send(
        res,
        `kpi-trend-${query.metric.toLowerCase()}-${day(query.from)}-${day(query.to)}.csv`,
        TREND_COLUMNS,
        points,
      );
    });
  }

  /** Every active agent of the team, each with the scorecard GraphQL's agentScorecard answers. */
  @Get('scorecards.csv')
  @HttpOperation('Query.agentScorecard')
  async scorecards(
    @HttpActor() actor: Actor,
    @Query() query: ExportScorecardsQuery,
    @Res() res: Response,
  ): Promise<void> {
    return readScope(res, async () => {
      this.bound(kpiWork({ from: query.from, to: query.to, groupBy: [KpiGroupBy.AGENT] }, Object.values(KpiMetric)));
      const team = await asHttp(this.teams.get(actor, query.teamId), 'teamId');
      const agentIds = await asHttp(this.agents.activeAgentIds(actor, team.id));
      const agents = (await asHttp(this.agents.byIds(actor, agentIds)))
        .filter((a) => a !== null)
        .sort((a, b) => a.name.localeCompare(b.name));
      const rows: ScorecardCsvRow[] = [];
      for (const agent of agents) {
        const card = await asHttp(this.kpis.scorecard(actor, { ...window(query), agentId: agent.id }));
        for (const metric of card.metrics)
          rows.push({ ...metric, agentId: agent.id, agentName: agent.name, teamId: card.teamId });
      }
      send(res, `scorecards-${day(query.from)}-${day(query.to)}.csv`, SCORECARD_COLUMNS, rows);
    });
  }

  @Get('coverage.csv')
  @HttpOperation('Query.coverage')
  async coverage(@HttpActor() actor: Actor, @Query() query: ExportCoverageQuery, @Res() res: Response): Promise<void> {
    return readScope(res, async () => {
      const intervals = await asHttp(this.planning.coverage(actor, { ...query }), 'teamId');
      send(res, `coverage-${day(query.from)}-${day(query.to)}.csv`, COVERAGE_COLUMNS, intervals);
    });
  }

  /**
   * The shifts of [from, to) (ending after from, starting before to) as the `shifts` query lists them,
   * read page by page as the CSV is written, all in the export's one snapshot (readScope).
   */
  @Get('shifts.csv')
  @HttpOperation('Query.shifts')
  async shiftRange(@HttpActor() actor: Actor, @Query() query: ExportShiftsQuery, @Res() res: Response): Promise<void> {
    return readScope(res, async () => {
      if (query.to <= query.from) throw AppError.badInput({ field: 'to', message: 'must be after from' });
      if (query.to.getTime() - query.from.getTime() > MAX_SHIFT_RANGE_DAYS * 86_400_000)
        throw AppError.badInput({ field: 'to', message: `must be at most ${MAX_SHIFT_RANGE_DAYS} days after from` });
      if (query.teamId) await asHttp(this.teams.get(actor, query.teamId), 'teamId');
      const filter = {
        teamId: query.teamId,
        agentIds: query.agentIds,
        from: query.from,
        to: query.to,
        status: query.status,
      };
      // The first page before the answer starts, so that a refusal is still a proper error response.
      const first = await asHttp(this.shifts.list(actor, filter, MAX_PAGE_SIZE));
      const withNames = async (shifts: ShiftModel[]): Promise<ShiftCsvRow[]> => {
        const agents = await this.agents.byIds(actor, [...new Set(shifts.map((s) => s.agentId))]);
        const names = new Map(agents.filter((a) => a !== null).map((a) => [a.id, a.name]));
        return shifts.map((s) => ({ ...s, agentName: names.get(s.agentId) ?? null }));
      };
      const pages = async function* (this: ExportController): AsyncGenerator<ShiftCsvRow> {
        let page = first;
        for (;;) {
          yield* await withNames(page.edges.map((e) => e.node));
          if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
          page = await this.shifts.list(actor, filter, MAX_PAGE_SIZE, page.pageInfo.endCursor);
        }
      };
      send(res, `shifts-${day(query.from)}-${day(query.to)}.csv`, SHIFT_COLUMNS, pages.call(this));
    });
  }

  /** GraphQL's work bound (GRAPHQL_MAX_WORK) for the same question. */
  private bound(work: number): void {
    if (work > this.config.graphqlMaxWork) {
      throw new AppError(
        ErrorCode.WORK_LIMIT_EXCEEDED,
        `This export would take about ${Math.round(work)} work units, more than ${this.config.graphqlMaxWork}: shorten the window or ask for fewer metrics.`,
        {
          workUnits: Math.round(work),
          maxWorkUnits: this.config.graphqlMaxWork,
        },
      );
    }
  }
}

/**
 * Runs an export as GraphQL runs a query: on one connection taken through the tenant's admission queue
 * (TOO_BUSY when none frees in time), in one read-only snapshot, given back when the answer has gone out.
 */
function readScope<T>(res: Response, work: () => Promise<T>): Promise<T> {
  const scope = new RequestScope();
  scope.kind = 'query';
  res.once('close', () => void scope.finish());
  return inRequestScope(scope, work);
}

function window(query: ExportFilterQuery | ExportScorecardsQuery) {
  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    serviceLevelTargetSeconds: query.serviceLevelTargetSeconds,
  };
}

function filterOf(query: ExportFilterQuery) {
  const { teamIds, agentIds, channels, categories } = query;
  return teamIds || agentIds || channels || categories ? { teamIds, agentIds, channels, categories } : undefined;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The services name fields as GraphQL sees them (`input.filter.teamIds`); over HTTP they are query
 * parameters (`teamIds`). `idField` names the parameter of a NOT_FOUND that names none.
 */
async function asHttp<T>(work: Promise<T>, idField?: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const rename = (field: string) => field.replace(/^input\.(filter\.)?/, '');
    if (error.code === ErrorCode.BAD_USER_INPUT && Array.isArray(error.details['fields'])) {
      throw AppError.badInput(
        (error.details['fields'] as FieldProblem[]).map((p) => ({ ...p, field: rename(p.field) })),
      );
    }
    const field = typeof error.details['field'] === 'string' ? rename(error.details['field']) : idField;
    throw new AppError(error.code, error.message.replace(/input\.(filter\.)?/g, ''), {
      ...error.details,
      ...(field ? { field } : {}),
    });
  }
}

function send<T>(
  res: Response,
  filename: string,
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
): void {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
  res.setHeader('cache-control', 'no-store');
  const stream = csvStream(columns, rows);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
