import { MigrationInterface, QueryRunner } from 'typeorm';
import { CHANNEL_ARRAY_CHECK } from '../vocabulary/channel';

/** The channels before and after this migration, literally: a migration is history. */
const BEFORE = ['PHONE', 'EMAIL', 'CHAT', 'SOCIAL'];
const AFTER = [...BEFORE, 'WEB', 'API', 'MESSAGING', 'VOICEMAIL'];
const LIVE_BEFORE = ['PHONE', 'CHAT'];
const LIVE_AFTER = ['PHONE', 'CHAT', 'MESSAGING'];

/** Tables with one channel column (its check named as PostgreSQL named the inline one), and with a channel list. */
const SINGLE = ['shift_templates', 'shifts', 'interactions', 'staffing_forecast_intervals', 'schedule_generation_jobs'];
const LISTS = ['teams', 'agents'];

const quoted = (channels: readonly string[]) => channels.map((c) => `'${c}'`).join(', ');

/**
 * WEB, API, MESSAGING and VOICEMAIL stored natively (issue 13): until now the help-desk connectors filed
 * them as EMAIL, EMAIL, CHAT and PHONE. Every channel CHECK of people, scheduling, staffing and performance
 * widens (one migration, since the vocabulary is the platform's), and MESSAGING joins PHONE and CHAT as a
 * channel with a live queue (answered, abandoned, wait; see docs/help-desk.md, "Channels"). Widening keeps
 * every stored row valid; `down` narrows back and fails while a row uses a new channel, as it should.
 */
export class WidenChannels1764000013100 implements MigrationInterface {
  name = 'WidenChannels1764000013100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.set(queryRunner, AFTER, LIVE_AFTER);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.set(queryRunner, BEFORE, LIVE_BEFORE);
  }

  private async set(queryRunner: QueryRunner, channels: readonly string[], live: readonly string[]): Promise<void> {
    for (const table of SINGLE) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_channel_check,
          ADD CONSTRAINT ${table}_channel_check CHECK (channel IN (${quoted(channels)}))`);
    }
    for (const table of LISTS) {
      await queryRunner.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_channels_check,
          ADD CONSTRAINT ${table}_channels_check CHECK (${CHANNEL_ARRAY_CHECK('channels', channels)})`);
    }
    await queryRunner.query(`
      ALTER TABLE interactions
        DROP CONSTRAINT interactions_queue_only_live,
        ADD CONSTRAINT interactions_queue_only_live
          CHECK (channel IN (${quoted(live)}) OR (answered_at IS NULL AND abandoned_at IS NULL AND wait_ms IS NULL))`);
  }
}
