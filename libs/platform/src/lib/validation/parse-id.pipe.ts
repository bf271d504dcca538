import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError } from '../errors/app-error';

/** For `@Args('id', { type: () => ID }, ParseIdPipe)`: our ids are UUIDs; anything else is BAD_USER_INPUT. */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUUID(value)) {
      throw AppError.badInput({ field: metadata.data ?? 'id', message: 'must be an id (UUID)' });
    }
    return value.toLowerCase();
  }
}

/** For a nullable id argument: left out (or null) passes through, anything else as ParseIdPipe. */
@Injectable()
export class ParseOptionalIdPipe implements PipeTransform<unknown, string | undefined> {
  private readonly id = new ParseIdPipe();

  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    return value === undefined || value === null ? undefined : this.id.transform(value, metadata);
  }
}
