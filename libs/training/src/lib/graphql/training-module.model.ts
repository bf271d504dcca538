import { Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TrainingCategory } from '../training.enums';

@ObjectType('TrainingModule', {
  description: 'A unit of training: what to learn, where the content is, how long it takes and how it is passed.',
})
export class TrainingModuleModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => TrainingCategory)
  category!: TrainingCategory;

  @Field(() => String, { nullable: true, description: 'Link to the content (http or https).' })
  contentUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'The content itself, as Markdown.' })
  contentMarkdown!: string | null;

  @Field(() => Int)
  estimatedMinutes!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Quiz score (0–100) needed to complete; null when there is no quiz.',
  })
  passingScore!: number | null;

  @Field(() => Int, {
    description: 'Raised by updateTrainingModule(newVersion: true); a POLICY module then needs acknowledging again.',
  })
  version!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('TrainingModuleConnection')
export class TrainingModuleConnection extends Connection(TrainingModuleModel, 'TrainingModule') {}

@ObjectType()
export class CreateTrainingModulePayload {
  @Field(() => TrainingModuleModel)
  module!: TrainingModuleModel;
}

@ObjectType()
export class UpdateTrainingModulePayload {
  @Field(() => TrainingModuleModel)
  module!: TrainingModuleModel;

  @Field(() => Int, { description: 'Completed assignments of a POLICY module reopened by a new version.' })
  reopenedAssignmentCount!: number;
}
