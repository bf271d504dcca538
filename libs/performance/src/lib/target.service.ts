import { TeamService } from '@deskforce/people';
import { Actor, AppError, AuditLog, ConnectionShape, TenantDatabase, toConnection } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KpiAlertsInput, SetKpiTargetInput } from './graphql/kpi.input';
import { KpiMetric, METRICS, targetStatus, TargetStatus } from './kpi/metrics';
import { KpiGroupBy } from './kpi/periods';
import { checkWindow, KpiService } from './kpi.service';
import { KpiTargetRow, TargetRepository } from './target.repository';

export interface TargetView {
  id: string;
  metric: KpiMetric;
  teamId: string | null;
  value: number;
  unit: string;
  comparison: string;
  updatedAt: Date;
}

export interface Evaluation {
  target: TargetView;
  teamId: string;
  metric: KpiMetric;
  value: number | null;
  sampleSize: number;
  status: TargetStatus;
  causes: { agentId: string | null; channel: string | null; value: number | null; sampleSize: number }[];
}

export function toTargetView(t: KpiTargetRow): TargetView {
  const metric = t.metric as KpiMetric;
  return {
    id: t.id,
    metric,
    teamId: t.teamId,
    value: t.value,
    unit: METRICS[metric].unit,
    comparison: METRICS[metric].direction === 'LOWER' ? 'AT_MOST' : 'AT_LEAST',
    updatedAt: t.updatedAt,
  };
}

const MAX_CAUSES = 5;
const SEVERITY: Record<TargetStatus, number> = { OFF_TRACK: 0, AT_RISK: 1, ON_TRACK: 2, NO_DATA: 3 };

@Injectable()
export class TargetService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly targets: TargetRepository,
    private readonly kpis: KpiService,
    private readonly teams: TeamService,
    private readonly audit: AuditLog,
  ) {}

  list(actor: Actor, teamId: string | undefined, first: number, after?: string): Promise<ConnectionShape<TargetView>> {
    return this.db.transaction(actor.tenantId, async () => {
      const readable = await this.kpis.readableTeams(actor, teamId ? [teamId] : undefined, 'teamId');
      const { rows, totalCount } = await this.targets.page(readable, first, after);
      return toConnection(rows, first, totalCount, (t) => [t.metric, t.id], toTargetView);
    });
  }

  set(actor: Actor, input: SetKpiTargetInput): Promise<TargetView> {
    return this.db.transaction(actor.tenantId, async () => {
      if (input.teamId && !(await this.teams.byIds(actor, [input.teamId]))[0])
        throw AppError.notFound('Team', input.teamId, 'input.teamId');
      const before = await this.targets.findFor(input.teamId ?? null, input.metric);
      const id = await this.targets.upsert(randomUUID(), input.teamId ?? null, input.metric, input.value, new Date());
      const after = (await this.targets.findById(id))!;
      await this.audit.record(actor, [
        { entityType: 'KPI_TARGET', entityId: id, action: before ? 'UPDATE' : 'CREATE', before, after },
      ]);
      return toTargetView(after);
    });
  }

  remove(actor: Actor, id: string): Promise<string> {
    return this.db.transaction(actor.tenantId, async () => {
      const before = await this.targets.findById(id);
      if (!before) throw AppError.notFound('KPI target', id, 'input.id');
      await this.targets.remove(id);
      await this.audit.record(actor, [{ entityType: 'KPI_TARGET', entityId: id, action: 'DELETE', before }]);
      return id;
    });
  }

  /**
   * Every target against the value of each team it applies to, over the window: a team's own target,
   * else the organisation's for every team with contacts in the window. With `withCauses`, each team that
   * misses a target also lists its agents and channels that miss it themselves (the slices that cause it).
   */
  evaluate(actor: Actor, input: KpiAlertsInput, withCauses: boolean): Promise<Evaluation[]> {
    checkWindow(input);
    return this.db.transaction(actor.tenantId, async () => {
      const teamIds = await this.kpis.readableTeams(actor, input.teamIds, 'input.teamIds');
      const targets = (await this.targets.all()).filter(
        (t) => t.metric in METRICS && (!t.teamId || !teamIds || teamIds.includes(t.teamId)),
      );
      if (targets.length === 0) return [];
      const metrics = [...new Set(targets.map((t) => t.metric as KpiMetric))];
      const options = { serviceLevelTargetSeconds: input.serviceLevelTargetSeconds };
      const byTeam = await this.kpis.compute(
        actor,
        this.kpis.sliceOf(input, teamIds, [KpiGroupBy.TEAM]),
        metrics,
        options,
      );
      const valueOf = new Map(byTeam.rows.map((r) => [r.group.teamId!, r.values]));
      const teamsInWindow = [...valueOf.keys()];
      const evaluations: Evaluation[] = [];
      for (const target of targets) {
        const metric = target.metric as KpiMetric;
        const applies = target.teamId
          ? [target.teamId]
          : teamsInWindow.filter((team) => !targets.some((t) => t.teamId === team && t.metric === target.metric));
        for (const teamId of applies) {
          const value = valueOf.get(teamId)?.[metrics.indexOf(metric)];
          const status = targetStatus(metric, value?.value ?? null, target.value);
          evaluations.push({
            target: toTargetView(target),
            teamId,
            metric,
            value: value?.value ?? null,
            sampleSize: value?.sampleSize ?? 0,
            status,
            causes: [],
          });
        }
      }
      if (withCauses) {
        const alerts = evaluations.filter(
          (e) => e.status === TargetStatus.OFF_TRACK || (input.includeAtRisk && e.status === TargetStatus.AT_RISK),
        );
        if (alerts.length > 0) await this.addCauses(actor, input, alerts, metrics);
        return alerts.sort(
          (a, b) =>
            SEVERITY[a.status] - SEVERITY[b.status] ||
            a.metric.localeCompare(b.metric) ||
            a.teamId.localeCompare(b.teamId),
        );
      }
      return evaluations.sort((a, b) => a.metric.localeCompare(b.metric) || a.teamId.localeCompare(b.teamId));
    });
  }

  private async addCauses(
    actor: Actor,
    input: KpiAlertsInput,
    alerts: Evaluation[],
    metrics: KpiMetric[],
  ): Promise<void> {
    const teamIds = [...new Set(alerts.map((a) => a.teamId))];
    const options = { serviceLevelTargetSeconds: input.serviceLevelTargetSeconds };
    const byAgent = await this.kpis.compute(
      actor,
      this.kpis.sliceOf(input, teamIds, [KpiGroupBy.TEAM, KpiGroupBy.AGENT]),
      metrics,
      options,
    );
    const byChannel = await this.kpis.compute(
      actor,
      this.kpis.sliceOf(input, teamIds, [KpiGroupBy.TEAM, KpiGroupBy.CHANNEL]),
      metrics,
      options,
    );
    for (const alert of alerts) {
      const i = metrics.indexOf(alert.metric);
      const missing = (rows: typeof byAgent.rows) =>
        rows
          .filter(
            (r) =>
              r.group.teamId === alert.teamId &&
              targetStatus(alert.metric, r.values[i]!.value, alert.target.value) === TargetStatus.OFF_TRACK,
          )
          .map((r) => ({
            agentId: r.group.agentId,
            channel: r.group.channel,
            value: r.values[i]!.value,
            sampleSize: r.values[i]!.sampleSize,
          }))
          .sort((a, b) => (METRICS[alert.metric].direction === 'LOWER' ? b.value! - a.value! : a.value! - b.value!))
          .slice(0, MAX_CAUSES);
      alert.causes = [...missing(byAgent.rows.filter((r) => r.group.agentId !== null)), ...missing(byChannel.rows)];
    }
  }
}
