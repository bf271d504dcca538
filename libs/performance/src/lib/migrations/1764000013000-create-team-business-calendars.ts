import { enableTenantRls } from '@deskforce/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team business calendars (issue 13, "Business hours"): weekly working windows per team and weekday, in
 * the team's own time zone (the people library's `teams.time_zone`, read when a contact is written), and
 * holidays per team as local dates with a name. A team without a calendar row works around the clock.
 *
 * Windows are minutes after local midnight: `end_minute` may be 1440 (24:00), and an end before the start
 * crosses midnight (business-hours/business-calendar.ts). The whole calendar is replaced in one
 * transaction (setTeamBusinessCalendar); its windows and holidays go with it (ON DELETE CASCADE).
 */
export class CreateTeamBusinessCalendars1764000013000 implements MigrationInterface {
  name = 'CreateTeamBusinessCalendars1764000013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE team_business_calendars (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, team_id),
        CONSTRAINT team_business_calendars_team_fkey FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE team_business_hours (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        position smallint NOT NULL CHECK (position BETWEEN 0 AND 23),
        start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        end_minute smallint NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
        PRIMARY KEY (tenant_id, team_id, weekday, position),
        CONSTRAINT team_business_hours_not_empty CHECK (start_minute <> end_minute),
        CONSTRAINT team_business_hours_calendar_fkey FOREIGN KEY (tenant_id, team_id)
          REFERENCES team_business_calendars (tenant_id, team_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE team_holidays (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        date date NOT NULL,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        PRIMARY KEY (tenant_id, team_id, date),
        CONSTRAINT team_holidays_calendar_fkey FOREIGN KEY (tenant_id, team_id)
          REFERENCES team_business_calendars (tenant_id, team_id) ON DELETE CASCADE
      )`);
    for (const table of ['team_business_calendars', 'team_business_hours', 'team_holidays']) {
      await enableTenantRls(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE team_holidays, team_business_hours, team_business_calendars`);
  }
}
