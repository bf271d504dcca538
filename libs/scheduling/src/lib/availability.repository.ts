import { GenerateSql, join, SAMPLE, sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AgentAvailability, AvailabilityException, AvailabilityWindow } from './rules/availability';

export interface AvailabilityWindowRow extends AvailabilityWindow {
  agentId: string;
}

export interface AvailabilityExceptionRow extends AvailabilityException {
  agentId: string;
  note: string | null;
}

export interface ShiftPreferenceRow {
  agentId: string;
  kind: 'PREFER' | 'AVOID';
  weekday: number | null;
  templateId: string | null;
  weight: number;
}

export interface StoredAvailability extends AgentAvailability {
  exceptions: AvailabilityExceptionRow[];
  preferences: ShiftPreferenceRow[];
}

/** SQL for agents' availability windows, exceptions and shift wishes (replaced as a whole per agent). */
@Injectable()
export class AvailabilityRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** Availability of each agent (agents without rows get empty lists). */
  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  async forAgents(agentIds: readonly string[]): Promise<Map<string, StoredAvailability>> {
    const tenant = this.db.tenantId;
    const windows = await this.db.many<AvailabilityWindowRow>(
      sql`SELECT agent_id AS "agentId", weekday, start_minute AS "startMinute", end_minute AS "endMinute"
            FROM agent_availability_windows WHERE tenant_id = ${tenant} AND agent_id = ANY(${agentIds}::uuid[])
           ORDER BY agent_id, weekday, start_minute`,
    );
    const exceptions = await this.db.many<AvailabilityExceptionRow>(
      sql`SELECT agent_id AS "agentId", to_char(day, 'YYYY-MM-DD') AS date, available, start_minute AS "startMinute", end_minute AS "endMinute", note
            FROM agent_availability_exceptions WHERE tenant_id = ${tenant} AND agent_id = ANY(${agentIds}::uuid[])
           ORDER BY agent_id, day, start_minute NULLS FIRST`,
    );
    const preferences = await this.db.many<ShiftPreferenceRow>(
      sql`SELECT agent_id AS "agentId", kind, weekday, template_id AS "templateId", weight::float8 AS weight
            FROM agent_shift_preferences WHERE tenant_id = ${tenant} AND agent_id = ANY(${agentIds}::uuid[])
           ORDER BY agent_id, weekday NULLS LAST, template_id, kind`,
    );
    const result = new Map<string, StoredAvailability>(
      agentIds.map((id) => [id, { windows: [], exceptions: [], preferences: [] }]),
    );
    for (const w of windows) result.get(w.agentId)?.windows.push(w);
    for (const e of exceptions) result.get(e.agentId)?.exceptions.push(e);
    for (const p of preferences) result.get(p.agentId)?.preferences.push(p);
    return result;
  }

  /** Replaces the agent's windows, exceptions and wishes (multi-row VALUES, one statement each). */
  @GenerateSql(
    {
      params: [
        SAMPLE.UUID,
        {
          windows: [
            { weekday: 1, startMinute: 480, endMinute: 1020 },
            { weekday: 2, startMinute: 480, endMinute: 1020 },
          ],
          exceptions: [{ date: SAMPLE.DAY, available: false, startMinute: null, endMinute: null, note: SAMPLE.TEXT }],
          preferences: [{ kind: 'PREFER', weekday: 1, templateId: null, weight: 1 }],
        },
      ],
    },
    { name: 'clear everything', params: [SAMPLE.UUID, { windows: [], exceptions: [], preferences: [] }] },
  )
  async replace(
    agentId: string,
    availability: {
      windows: AvailabilityWindow[];
      exceptions: Array<AvailabilityException & { note: string | null }>;
      preferences: Omit<ShiftPreferenceRow, 'agentId'>[];
    },
  ): Promise<void> {
    const tenant = this.db.tenantId;
    await this.db.execute(
      sql`DELETE FROM agent_availability_windows WHERE tenant_id = ${tenant} AND agent_id = ${agentId}`,
    );
    await this.db.execute(
      sql`DELETE FROM agent_availability_exceptions WHERE tenant_id = ${tenant} AND agent_id = ${agentId}`,
    );
    await this.db.execute(
      sql`DELETE FROM agent_shift_preferences WHERE tenant_id = ${tenant} AND agent_id = ${agentId}`,
    );
    // A few dozen rows an agent at most (the input is bounded): one statement each.
    if (availability.windows.length > 0) {
      const rows = availability.windows.map(
        (w) => sql`(${tenant}, ${agentId}, ${randomUUID()}, ${w.weekday}, ${w.startMinute}, ${w.endMinute})`,
      );
      await this.db.execute(
        sql`INSERT INTO agent_availability_windows (tenant_id, agent_id, id, weekday, start_minute, end_minute) VALUES ${join(rows)}`,
      );
    }
    if (availability.exceptions.length > 0) {
      const rows = availability.exceptions.map(
        (e) =>
          sql`(${tenant}, ${agentId}, ${randomUUID()}, ${e.date}::date, ${e.available}, ${e.startMinute}::int, ${e.endMinute}::int, ${e.note})`,
      );
      await this.db.execute(
        sql`INSERT INTO agent_availability_exceptions (tenant_id, agent_id, id, day, available, start_minute, end_minute, note) VALUES ${join(rows)}`,
      );
    }
    if (availability.preferences.length > 0) {
      const rows = availability.preferences.map(
        (p) =>
          sql`(${tenant}, ${agentId}, ${randomUUID()}, ${p.kind}, ${p.weekday}::int, ${p.templateId}::uuid, ${p.weight})`,
      );
      await this.db.execute(
        sql`INSERT INTO agent_shift_preferences (tenant_id, agent_id, id, kind, weekday, template_id, weight) VALUES ${join(rows)}`,
      );
    }
  }
}
