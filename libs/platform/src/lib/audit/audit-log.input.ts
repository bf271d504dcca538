import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DateTimeScalar } from '../graphql/scalars';

@InputType()
export class AuditLogFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date;
}
