import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { WebhookEvent } from './webhook.model';

const URL_RULES = { protocols: ['https', 'http'], require_protocol: true, require_tld: false, allow_underscores: true };

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'http(s) address; in production not a loopback or private one.' })
  @IsUrl(URL_RULES)
  @MaxLength(2000)
  url!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @Field(() => [WebhookEvent])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEvent, { each: true })
  events!: WebhookEvent[];
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsUrl(URL_RULES)
  @MaxLength(2000)
  url?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @Field(() => [WebhookEvent], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(WebhookEvent, { each: true })
  events?: WebhookEvent[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType()
export class DeleteWebhookEndpointInput {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}

@InputType()
export class ResendWebhookDeliveryInput {
  @Field(() => ID)
  @IsUUID()
  deliveryId!: string;
}
