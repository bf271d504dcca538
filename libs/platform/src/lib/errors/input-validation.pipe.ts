import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';
import { FieldProblem } from './error-codes';
import { unstorableTextFields } from '../validation/storable-text';
import { cacheValidationRules } from '../validation/validation-rules-cache';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const CHECKED_BY_HAND = Symbol('deskforce:rows-checked-by-hand');
type WithHandChecked = { [CHECKED_BY_HAND]?: string[] };

/**
 * Marks a list property of an input class whose items the resolver checks itself with hand-written rules
 * (the up to 5,000 rows of an ingest batch). The pipe still validates the class and the list (its own
 * decorators: array, length), but does not copy and walk every item: on 5,000 rows that took about
 * 330 ms with nested validation and still about 60 ms without (class-transformer's copy and the pipe's
 * walks), for checks GraphQL had already made (types, enums); about 4 ms now. The items reach the
 * resolver as GraphQL coerced them: plain objects with only the fields the schema declares.
 */
export function RowsCheckedByHand(): PropertyDecorator {
  return (target, property) => {
    const constructor = target.constructor as WithHandChecked;
    constructor[CHECKED_BY_HAND] = [...(constructor[CHECKED_BY_HAND] ?? []), String(property)];
  };
}

/**
 * The global pipe for every resolver argument: text PostgreSQL cannot store refused first (in every
 * string, however deep, rows of hand-checked lists included), then class-validator rules, unknown fields
 * refused, values transformed to their classes. A failure becomes BAD_USER_INPUT listing each offending
 * field by its path, e.g. `input.skills.0.proficiency`.
 */
@Injectable()
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => AppError.badInput(flatten(errors, '')),
    });
    cacheValidationRules();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Arguments only: custom parameter decorators (the request context, the actor) are ours, not input, and
    // ValidationPipe would return them as they are too (after two more promises, on every resolver call).
    if (metadata.type === 'custom') return value;
    const unstorable = unstorableTextFields(value, metadata.data ?? '');
    if (unstorable.length > 0) throw AppError.badInput(unstorable);
    try {
      const lists = (metadata.metatype as WithHandChecked | undefined)?.[CHECKED_BY_HAND];
      if (!lists || typeof value !== 'object' || value === null) return await super.transform(value, metadata);
      // The class is validated with stand-ins of the same length in its hand-checked lists, then given the rows back.
      const rows = lists.map((list) => (value as Record<string, unknown>)[list]);
      const envelope: Record<string, unknown> = { ...value };
      for (const list of lists)
        if (Array.isArray(envelope[list]))
          envelope[list] = new Array<null>((envelope[list] as unknown[]).length).fill(null);
      const entity = (await super.transform(envelope, metadata)) as Record<string, unknown>;
      lists.forEach((list, i) => (entity[list] = rows[i]));
      return entity;
    } catch (error) {
      if (error instanceof AppError && metadata.data && Array.isArray(error.details['fields'])) {
        const fields = (error.details['fields'] as FieldProblem[]).map((p) => ({
          ...p,
          field: `${metadata.data}.${p.field}`,
        }));
        throw AppError.badInput(fields);
      }
      throw error;
    }
  }
}
