import { AppError } from './app-error';
import { ErrorCode } from './error-codes';

/** The fields of a node-postgres error we look at (it may arrive wrapped in TypeORM's QueryFailedError). */
interface PgErrorLike {
  code?: string;
  message?: string;
  constraint?: string;
  detail?: string;
  driverError?: PgErrorLike;
}

/** A constraint name mapped to the input field it protects and what to tell the client. */
export interface ConstraintMessage {
  field?: string;
  message: string;
  /** Extra client-facing details, e.g. `{ rule: 'NO_OVERLAP' }`. */
  details?: Record<string, unknown>;
}

const constraintMessages = new Map<string, ConstraintMessage>();

/**
 * Domain libraries register what each of their constraints means, so a violation caught by PostgreSQL
 * (the last line of defence, e.g. under concurrency) reaches the client as a clear error.
 */
export function registerConstraintMessages(messages: Record<string, ConstraintMessage>): void {
  for (const [name, message] of Object.entries(messages)) constraintMessages.set(name, message);
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function pgError(error: unknown): PgErrorLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as PgErrorLike;
  return candidate.driverError ?? candidate;
}

export function isConnectionError(error: unknown): boolean {
  const pg = pgError(error);
  if (pg?.code && CONNECTION_ERROR_CODES.has(pg.code)) return true;
  // TypeORM releases a query runner whose connection died mid-transaction; the next query says so.
  if (error instanceof Error && error.name === 'QueryRunnerAlreadyReleasedError') return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|Query runner already released/i.test(
    message,
  );
}

/**
 * The constraint an error names, as the schema names it: on Citus a shard's constraint carries the shard's
 * number (`shifts_no_overlap_102008`), and some errors name it only in their message.
 */
function constraintOf(pg: PgErrorLike): { name: string; unsharded: string } | undefined {
  const name = pg.constraint ?? /constraint "([^"]+)"/.exec(pg.message ?? '')?.[1];
  return name ? { name, unsharded: name.replace(/_\d+$/, '') } : undefined;
}

/** The registered meaning of the constraint an error names. */
function constraintNamed(pg: PgErrorLike): ConstraintMessage | undefined {
  const named = constraintOf(pg);
  if (!named) return undefined;
  return constraintMessages.get(named.name) ?? constraintMessages.get(named.unsharded);
}

/** Whether the error is a unique violation of `constraint` (on PostgreSQL or on a Citus shard). */
export function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  const pg = pgError(error);
  if (pg?.code !== '23505') return false;
  const named = constraintOf(pg);
  return named?.name === constraint || named?.unsharded === constraint;
}

/**
 * Turns a PostgreSQL error into an AppError, or returns undefined when it is not one we can explain.
 * Codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isConnectionError(error)) {
    return new AppError(ErrorCode.UNAVAILABLE, 'The database is unavailable right now; try again shortly.');
  }
  const pg = pgError(error);
  if (!pg?.code) return undefined;
  const known = constraintNamed(pg);
  switch (pg.code) {
    case '23505': // unique_violation
    case '23P01': // exclusion_violation
      return AppError.conflict(known?.message ?? 'This would duplicate an existing record.', {
        ...(known?.field ? { field: known.field } : {}),
        ...known?.details,
      });
    case '23503': // foreign_key_violation
      return known?.field
        ? AppError.badInput({ field: known.field, message: known.message })
        : AppError.notFound('A referenced record');
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22P02': // invalid_text_representation (e.g. a malformed uuid)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22003': // numeric_value_out_of_range
    case '22001': // string_data_right_truncation
      return AppError.badInput({
        field: known?.field ?? 'input',
        message: known?.message ?? 'A value is out of range or malformed.',
      });
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return AppError.conflict('A concurrent change got there first; read again and retry.');
    case '57014': // query_canceled (statement timeout)
      return new AppError(ErrorCode.UNAVAILABLE, 'The request took too long and was cancelled.');
    default:
      return undefined;
  }
}
