/** What is stored: OVERDUE is never stored, it is read from the due date (see `effectiveStatus`). */
export enum StoredAssignmentStatus {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  WAIVED = 'WAIVED',
}

/** What clients see. */
export enum TrainingAssignmentStatus {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  OVERDUE = 'OVERDUE',
  COMPLETED = 'COMPLETED',
  WAIVED = 'WAIVED',
}

/**
 * An open assignment (ASSIGNED or IN_PROGRESS) whose due instant has passed is OVERDUE; finished ones
 * (COMPLETED, WAIVED) never are. Due at exactly `now` is not yet overdue. Derived, so it can never go
 * stale; the SQL filter in `overdueSql` says the same thing.
 */
export function effectiveStatus(stored: StoredAssignmentStatus, dueAt: Date, now: Date): TrainingAssignmentStatus {
  if ((stored === StoredAssignmentStatus.ASSIGNED || stored === StoredAssignmentStatus.IN_PROGRESS) && dueAt.getTime() < now.getTime()) {
    return TrainingAssignmentStatus.OVERDUE;
  }
  return stored as unknown as TrainingAssignmentStatus;
}

/**
 * The same rule as a SQL condition on `alias`, with `now` as the given parameter placeholder, for each
 * status a filter may ask for.
 */
export function statusSql(status: TrainingAssignmentStatus, alias: string, nowParam: string): string {
  const open = `${alias}.status IN ('ASSIGNED', 'IN_PROGRESS')`;
  switch (status) {
    case TrainingAssignmentStatus.OVERDUE:
      return `(${open} AND ${alias}.due_at < ${nowParam})`;
    case TrainingAssignmentStatus.ASSIGNED:
    case TrainingAssignmentStatus.IN_PROGRESS:
      return `(${alias}.status = '${status}' AND ${alias}.due_at >= ${nowParam})`;
    case TrainingAssignmentStatus.COMPLETED:
    case TrainingAssignmentStatus.WAIVED:
      return `(${alias}.status = '${status}')`;
  }
}
