import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IngestRejection', { description: 'A row that was not stored, and why. The other rows of the batch were.' })
export class IngestRejectionModel {
  @Field(() => Int, { description: 'Position of the row in the batch, from 0.' })
  index!: number;

  @Field({ description: 'Path of the offending field, e.g. input.interactions.3.resolvedAt.' })
  field!: string;

  @Field()
  message!: string;
}

@ObjectType('IngestPayload')
export class IngestPayload {
  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int, { description: 'Valid rows identical to what was stored already: nothing written.' })
  unchanged!: number;

  @Field(() => [IngestRejectionModel])
  rejected!: IngestRejectionModel[];
}
