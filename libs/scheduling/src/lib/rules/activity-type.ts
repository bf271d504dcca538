/** BREAK and LUNCH are unpaid and not work; the others are paid work away from contacts. */
export enum ActivityType {
  BREAK = 'BREAK',
  LUNCH = 'LUNCH',
  TRAINING = 'TRAINING',
  MEETING = 'MEETING',
  MENTORING = 'MENTORING',
}

export const NON_WORK_ACTIVITIES: readonly ActivityType[] = [ActivityType.BREAK, ActivityType.LUNCH];
