import { applyDecorators } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

/**
 * An optional list of ids in an input type (a filter's `teamIds`, `agentIds`…): `[ID!]` in the schema,
 * each a UUID, at most `max` of them, or absent.
 */
export function OptionalIdsField(options: { max: number; description?: string }): PropertyDecorator {
  return applyDecorators(
    Field(() => [ID], {
      nullable: true,
      ...(options.description === undefined ? {} : { description: options.description }),
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(options.max),
    IsUUID('all', { each: true }),
  );
}
