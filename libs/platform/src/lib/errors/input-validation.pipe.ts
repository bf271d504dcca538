import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';
import { FieldProblem } from './error-codes';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The global pipe for every resolver argument: class-validator rules, unknown fields refused,
 * values transformed to their classes. A failure becomes BAD_USER_INPUT listing each offending field
 * by its path, e.g. `input.skills.0.proficiency`.
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
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof AppError && metadata.data && Array.isArray(error.details['fields'])) {
        const fields = (error.details['fields'] as FieldProblem[]).map((p) => ({ ...p, field: `${metadata.data}.${p.field}` }));
        throw AppError.badInput(fields);
      }
      throw error;
    }
  }
}
