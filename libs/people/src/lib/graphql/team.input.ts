import { Channel, IsIanaTimeZone, IsOmittable, OptionalIdsField } from '@deskforce/platform';
import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

@InputType()
export class CreateTeamInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Istanbul.' })
  @IsIanaTimeZone()
  timeZone!: string;

  @Field(() => [Channel], { defaultValue: [] })
  @IsArray()
  @ArrayUnique()
  @IsEnum(Channel, { each: true })
  channels: Channel[] = [];

  @OptionalIdsField({ max: 50, description: 'Users (COORDINATOR role) who plan this team.' })
  coordinatorIds?: string[];
}

@InputType()
export class UpdateTeamInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @Field(() => [Channel], { nullable: true })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @Field(() => ID, { nullable: true, description: 'An agent of this team; null removes the lead.' })
  @IsOptional()
  @IsUUID()
  leadAgentId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the coordinators.' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  coordinatorIds?: string[];
}
