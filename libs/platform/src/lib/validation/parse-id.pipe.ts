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
