import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';

/** An IANA time-zone name that the zone database knows, e.g. Europe/Warsaw or UTC (not an offset like +02:00). */
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an IANA time zone such as Europe/Warsaw', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^[A-Za-z]/.test(value) && IANAZone.isValidZone(value),
      },
    });
}

/** A Date that is a real instant (not NaN). */
export function IsValidDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isValidDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a valid ISO 8601 date-time with an offset', ...options },
      validator: { validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()) },
    });
}

/**
 * For partial updates: the field may be left out, but an explicit null is refused (use it on fields whose
 * column cannot be null). class-validator's IsOptional would let null through.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    ValidateIf((object: Record<string | symbol, unknown>) => object[propertyName] !== undefined, options)(
      target,
      propertyName,
    );
    registerDecorator({
      name: 'isOmittable',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'may be left out but not set to null', ...options },
      validator: { validate: (value: unknown) => value !== null },
    });
  };
}
