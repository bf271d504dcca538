/**
 * Templates turned into shifts: pure functions (no Nest, no database), shared by applying a template and
 * by schedule generation's worker threads.
 */
import { DateTime } from 'luxon';
import type { ShiftTemplateModel, TemplateActivityModel } from '../graphql/template.model';
import type { ShiftDraft } from '../shift.service';

/**
 * Where each activity of a template goes in one agent's shift: agents are staggered in 15-minute steps
 * across each activity's window (so that not everyone lunches at once), and an activity that would
 * collide with the previous one is pushed after it.
 */
export function placeActivities(
  activities: readonly TemplateActivityModel[],
  agentIndex: number,
): { type: TemplateActivityModel['type']; offsetMinutes: number; durationMinutes: number }[] {
  const placed: { type: TemplateActivityModel['type']; offsetMinutes: number; durationMinutes: number }[] = [];
  for (const activity of [...activities].sort((a, b) => a.earliestStartMinutes - b.earliestStartMinutes)) {
    const slots = Math.floor((activity.latestStartMinutes - activity.earliestStartMinutes) / 15) + 1;
    let offset = activity.earliestStartMinutes + (agentIndex % slots) * 15;
    const previous = placed.at(-1);
    if (previous && offset < previous.offsetMinutes + previous.durationMinutes)
      offset = previous.offsetMinutes + previous.durationMinutes;
    placed.push({ type: activity.type, offsetMinutes: offset, durationMinutes: activity.durationMinutes });
  }
  return placed;
}

/**
 * When a template's shifts start between two local dates (inclusive), in the team's time zone: a 09:00
 * template starts at 09:00 local on both sides of a daylight-saving change.
 */
export function templateStarts(template: ShiftTemplateModel, timeZone: string, from: string, to: string): Date[] {
  const [hour, minute] = template.startTime.split(':').map(Number) as [number, number];
  const last = DateTime.fromISO(to, { zone: timeZone });
  const starts: Date[] = [];
  for (let day = DateTime.fromISO(from, { zone: timeZone }); day <= last; day = day.plus({ days: 1 })) {
    if (template.daysOfWeek.includes(day.weekday))
      starts.push(day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate());
  }
  return starts;
}

/** One shift of a template starting at `startsAt`, its activities staggered for the agent. The length is real elapsed time. */
export function templateDraft(
  template: ShiftTemplateModel,
  startsAt: Date,
  agentIndex: number,
): Omit<ShiftDraft, 'agentId'> {
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + template.durationMinutes * 60_000),
    channel: template.channel,
    skill: template.skill,
    templateId: template.id,
    activities: placeActivities(template.activities, agentIndex).map((a) => ({
      type: a.type,
      startsAt: new Date(startsAt.getTime() + a.offsetMinutes * 60_000),
      endsAt: new Date(startsAt.getTime() + (a.offsetMinutes + a.durationMinutes) * 60_000),
      note: null,
      reference: null,
    })),
  };
}

/** The shifts a template makes for one agent between two local dates (inclusive), in the team's time zone. */
export function expandTemplate(
  template: ShiftTemplateModel,
  timeZone: string,
  from: string,
  to: string,
  agentIndex: number,
): Omit<ShiftDraft, 'agentId'>[] {
  return templateStarts(template, timeZone, from, to).map((startsAt) => templateDraft(template, startsAt, agentIndex));
}
