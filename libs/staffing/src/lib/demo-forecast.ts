import { Actor, Channel } from '@deskforce/platform';
import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ForecastService } from './forecast.service';
import { UploadForecastInput } from './graphql/forecast.input';

/**
 * A plausible contact curve per quarter hour for `days` days from local midnight: open 08:00–20:00, a
 * morning peak at 10:30 and an afternoon one at 15:00, weekends at 40%. `peak` is roughly the contacts of
 * the busiest quarter hour.
 */
export function demoContactCurve(days: number, firstWeekday: number, peak: number): number[] {
  const values: number[] = [];
  for (let d = 0; d < days; d++) {
    const weekday = ((firstWeekday - 1 + d) % 7) + 1;
    const level = weekday >= 6 ? 0.4 : 1;
    for (let q = 0; q < 96; q++) {
      const hour = q / 4 + 0.125;
      const shape = 0.35 + Math.exp(-((hour - 10.5) ** 2) / 3) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5);
      values.push(hour >= 8 && hour < 20 ? Math.round((peak * level * shape) / 1.35) : 0);
    }
  }
  return values;
}

/**
 * Demo forecasts so that staffingRequirements and generateSchedule answer out of the box: two weeks from
 * this week's Monday for each team's first channel (uploaded as a planner would).
 */
export async function seedDemoForecasts(
  app: INestApplicationContext,
  actor: Actor,
  teams: readonly { id: string; timeZone: string; channels: Channel[] }[],
): Promise<void> {
  const forecasts = app.get(ForecastService);
  for (const team of teams) {
    const channel = team.channels[0];
    if (!channel) continue;
    const monday = DateTime.now().setZone(team.timeZone).startOf('week');
    const contacts = demoContactCurve(14, 1, channel === Channel.PHONE ? 20 : 12);
    const aht = channel === Channel.PHONE ? 300 : channel === Channel.CHAT ? 480 : 420;
    const input: UploadForecastInput = {
      teamId: team.id,
      channel,
      from: monday.toJSDate(),
      intervalMinutes: 15,
      contacts,
      ahtSeconds: contacts.map(() => aht),
    };
    await forecasts.upload(actor, input);
  }
}
