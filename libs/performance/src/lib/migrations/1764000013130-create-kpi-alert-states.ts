import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The queue of the periodic evaluation that sends `kpi.alert.changed` (pg-boss, the queue schedule generation runs on). */
export const KPI_ALERT_QUEUE = 'kpi-alert-sweep';

/**
 * `kpi.alert.changed` out: the last status of each KPI target for each team it applies to, as the periodic
 * evaluation saw it, so that an event leaves only when the status changes (ON_TRACK → OFF_TRACK…). Written
 * in the transaction that publishes the event; a target's rows go with it.
 */
export class CreateKpiAlertStates1764000013130 implements MigrationInterface {
  name = 'CreateKpiAlertStates1764000013130';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_alert_states (
        tenant_id uuid NOT NULL,
        target_id uuid NOT NULL,
        team_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_DATA')),
        value double precision,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, target_id, team_id),
        CONSTRAINT kpi_alert_states_target_fkey FOREIGN KEY (tenant_id, target_id) REFERENCES kpi_targets (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT kpi_alert_states_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
      )`);
    await enableTenantRls(queryRunner, 'kpi_alert_states');
    await queryRunner.query(
      `SELECT pgboss.create_queue('${KPI_ALERT_QUEUE}', '{"policy":"standard","retryLimit":0,"retentionMinutes":1440}'::json)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pgboss.delete_queue('${KPI_ALERT_QUEUE}')`);
    await queryRunner.query(`DROP TABLE kpi_alert_states`);
  }
}
