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
 * stale; the repository's SQL filter (`statusCondition` in training-assignment.repository.ts) says the same thing.
 */
export function effectiveStatus(stored: StoredAssignmentStatus, dueAt: Date, now: Date): TrainingAssignmentStatus {
  if (
    (stored === StoredAssignmentStatus.ASSIGNED || stored === StoredAssignmentStatus.IN_PROGRESS) &&
    dueAt.getTime() < now.getTime()
  ) {
    return TrainingAssignmentStatus.OVERDUE;
  }
  return stored as unknown as TrainingAssignmentStatus;
}
