import { fromDatabaseError, isUniqueViolationOf, registerConstraintMessages } from './database-errors';

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

  it('tells a unique violation of one constraint, by name, shard name, message or wrapped by TypeORM', () => {
    for (const error of [
      { code: '23505', constraint: 'widgets_external_key' },
      { code: '23505', constraint: 'widgets_external_key_102008' },
      { code: '23505', message: 'duplicate key value violates unique constraint "widgets_external_key_102040"' },
      { message: 'query failed', driverError: { code: '23505', constraint: 'widgets_external_key' } },
    ])
      expect(isUniqueViolationOf(error, 'widgets_external_key')).toBe(true);
    for (const error of [
      { code: '23505', constraint: 'widgets_pkey' },
      { code: '23505', constraint: 'widgets_external_key_extra' },
      { code: '23503', constraint: 'widgets_external_key' },
      new Error('Connection terminated'),
      undefined,
    ])
      expect(isUniqueViolationOf(error, 'widgets_external_key')).toBe(false);
  });
});
