import { Channel, Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Interaction', {
  description: 'One contact as stored from the help desk: what the KPIs are computed from.',
})
export class InteractionModel {
  @Field(() => ID)
  id!: string;

  @Field()
  source!: string;

  @Field()
  externalId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => ID)
  teamId!: string;

  @Field(() => ID, { nullable: true, description: 'Null for a contact abandoned in the queue.' })
  agentId!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field()
  status!: string;

  @Field(() => String, { nullable: true })
  customerRef!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The first resolution.' })
  resolvedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Seconds from creation to the first response.' })
  firstResponseSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'Seconds from creation to the first resolution.' })
  resolutionSeconds!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The first response's seconds inside the team's business hours, with its calendar when the contact was written (no calendar: as firstResponseSeconds).",
  })
  firstResponseBusinessSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'The same for the first resolution.' })
  resolutionBusinessSeconds!: number | null;

  @Field(() => Int, { nullable: true })
  handleTimeSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'PHONE, CHAT and MESSAGING: seconds waited in the queue.' })
  waitSeconds!: number | null;

  @Field(() => Boolean, { description: 'PHONE, CHAT and MESSAGING: the customer hung up or left before an answer.' })
  abandoned!: boolean;

  @Field(() => String, { nullable: true })
  escalatedTo!: string | null;

  @Field(() => Int)
  reopenCount!: number;

  @Field()
  complaint!: boolean;

  @Field(() => Int, { nullable: true, description: 'The CSAT answer (1–5) of the latest survey about it.' })
  csat!: number | null;
}

@ObjectType('InteractionConnection')
export class InteractionConnection extends Connection(InteractionModel, 'Interaction') {}
