import { fromDatabaseError, registerConstraintMessages } from './database-errors';

describe('database errors', () => {
  registerConstraintMessages({
    widgets_no_overlap: { field: 'input.startsAt', message: 'Overlaps.', details: { rule: 'NO_OVERLAP' } },
  });

  it('maps a constraint by name, by its Citus shard name, and when only the message names it', () => {
    for (const error of [
      { code: '23P01', constraint: 'widgets_no_overlap' },
      { code: '23P01', constraint: 'widgets_no_overlap_102008' },
      { code: '23P01', message: 'conflicting key value violates exclusion constraint "widgets_no_overlap_102040"' },
    ]) {
      expect(fromDatabaseError(error)).toMatchObject({
        code: 'CONFLICT',
        details: { field: 'input.startsAt', rule: 'NO_OVERLAP' },
      });
    }
  });
});
