/** Badge colours of training assignment statuses (OVERDUE is computed by the API from the due date). */
export const TRAINING_STATUS_COLOR: Record<string, string> = {
  ASSIGNED: 'blue',
  IN_PROGRESS: 'cyan',
  COMPLETED: 'green',
  WAIVED: 'gray',
  OVERDUE: 'red',
};
