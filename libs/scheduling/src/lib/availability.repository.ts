import { TenantDatabase } from '@deskforce/platform';
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
  async forAgents(agentIds: readonly string[]): Promise<Map<string, StoredAvailability>> {
    const tenant = this.db.tenantId;
    const windows = await this.db.query<AvailabilityWindowRow>(
      `SELECT agent_id AS "agentId", weekday, start_minute AS "startMinute", end_minute AS "endMinute"
         FROM agent_availability_windows WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[])
        ORDER BY agent_id, weekday, start_minute`,
      [tenant, agentIds],
    );
    const exceptions = await this.db.query<AvailabilityExceptionRow>(
      `SELECT agent_id AS "agentId", to_char(day, 'YYYY-MM-DD') AS date, available, start_minute AS "startMinute", end_minute AS "endMinute", note
         FROM agent_availability_exceptions WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[])
        ORDER BY agent_id, day, start_minute NULLS FIRST`,
      [tenant, agentIds],
    );
    const preferences = await this.db.query<ShiftPreferenceRow>(
      `SELECT agent_id AS "agentId", kind, weekday, template_id AS "templateId", weight::float8 AS weight
         FROM agent_shift_preferences WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[])
        ORDER BY agent_id, weekday NULLS LAST, template_id, kind`,
      [tenant, agentIds],
    );
    const result = new Map<string, StoredAvailability>(agentIds.map((id) => [id, { windows: [], exceptions: [], preferences: [] }]));
    for (const w of windows) result.get(w.agentId)?.windows.push(w);
    for (const e of exceptions) result.get(e.agentId)?.exceptions.push(e);
    for (const p of preferences) result.get(p.agentId)?.preferences.push(p);
    return result;
  }

  /** Replaces the agent's windows, exceptions and wishes (multi-row VALUES, one statement each). */
  async replace(agentId: string, availability: { windows: AvailabilityWindow[]; exceptions: Array<AvailabilityException & { note: string | null }>; preferences: Omit<ShiftPreferenceRow, 'agentId'>[] }): Promise<void> {
    const tenant = this.db.tenantId;
    await this.db.query(`DELETE FROM agent_availability_windows WHERE tenant_id = $1 AND agent_id = $2`, [tenant, agentId]);
    await this.db.query(`DELETE FROM agent_availability_exceptions WHERE tenant_id = $1 AND agent_id = $2`, [tenant, agentId]);
    await this.db.query(`DELETE FROM agent_shift_preferences WHERE tenant_id = $1 AND agent_id = $2`, [tenant, agentId]);
    const insert = async (table: string, columns: string[], rows: unknown[][]): Promise<void> => {
      if (rows.length === 0) return;
      const values: unknown[] = [tenant, agentId];
      const tuples = rows.map((row) => {
        const placeholders = ['$1', '$2', ...row.map((v) => `$${values.push(v)}`)];
        return `(${placeholders.join(', ')})`;
      });
      await this.db.query(`INSERT INTO ${table} (tenant_id, agent_id, ${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    };
    await insert('agent_availability_windows', ['id', 'weekday', 'start_minute', 'end_minute'], availability.windows.map((w) => [randomUUID(), w.weekday, w.startMinute, w.endMinute]));
    await insert(
      'agent_availability_exceptions',
      ['id', 'day', 'available', 'start_minute', 'end_minute', 'note'],
      availability.exceptions.map((e) => [randomUUID(), e.date, e.available, e.startMinute, e.endMinute, e.note]),
    );
    await insert('agent_shift_preferences', ['id', 'kind', 'weekday', 'template_id', 'weight'], availability.preferences.map((p) => [randomUUID(), p.kind, p.weekday, p.templateId, p.weight]));
  }
}
