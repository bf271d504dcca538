import { effectiveStatus, StoredAssignmentStatus as S, TrainingAssignmentStatus as T } from './assignment-status';

describe('effectiveStatus', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const past = new Date('2026-03-10T11:59:59.999Z');
  const future = new Date('2026-03-11T00:00:00Z');

  it('makes open assignments past their due instant OVERDUE', () => {
    expect(effectiveStatus(S.ASSIGNED, past, now)).toBe(T.OVERDUE);
    expect(effectiveStatus(S.IN_PROGRESS, past, now)).toBe(T.OVERDUE);
  });

  it('leaves open assignments not yet due as they are, including due exactly now', () => {
    expect(effectiveStatus(S.ASSIGNED, future, now)).toBe(T.ASSIGNED);
    expect(effectiveStatus(S.IN_PROGRESS, now, now)).toBe(T.IN_PROGRESS);
  });

  it('never makes a finished assignment overdue', () => {
    expect(effectiveStatus(S.COMPLETED, past, now)).toBe(T.COMPLETED);
    expect(effectiveStatus(S.WAIVED, past, now)).toBe(T.WAIVED);
  });
});
