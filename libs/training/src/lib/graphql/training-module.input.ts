import { DateTimeScalar, IsOmittable } from '@deskforce/platform';
import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { TrainingCategory } from '../training.enums';

@InputType()
export class CreateTrainingModuleInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @Field({ defaultValue: '' })
  @IsString()
  @MaxLength(5000)
  description: string = '';

  @Field(() => TrainingCategory)
  @IsEnum(TrainingCategory)
  category!: TrainingCategory;

  @Field(() => String, { nullable: true, description: 'Give a link, Markdown content, or both.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http or https URL' })
  @MaxLength(2000)
  contentUrl?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  contentMarkdown?: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(10000)
  estimatedMinutes!: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  passingScore?: number;
}

@InputType()
export class UpdateTrainingModuleInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @Field(() => String, { nullable: true, description: 'null removes the link (Markdown content must then remain).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http or https URL' })
  @MaxLength(2000)
  contentUrl?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  contentMarkdown?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10000)
  estimatedMinutes?: number;

  @Field(() => Float, { nullable: true, description: 'null removes the quiz requirement.' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  passingScore?: number | null;

  @Field({
    defaultValue: false,
    description:
      'Publish the change as a new version. For a POLICY module every completed assignment reopens for acknowledgement.',
  })
  @IsBoolean()
  newVersion: boolean = false;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'With newVersion on a POLICY module: when the new acknowledgements are due (default: in 14 days).',
  })
  @IsOptional()
  @IsDate()
  reacknowledgeDueAt?: Date;
}

@InputType()
export class TrainingModuleFilter {
  @Field(() => [TrainingCategory], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(TrainingCategory, { each: true })
  categories?: TrainingCategory[];

  @Field(() => String, { nullable: true, description: 'Case-insensitive match on the title.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
