import { Channel, Connection, DateTimeScalar } from '@deskforce/platform';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Team', { description: 'A group of agents working in one time zone, covering some channels.' })
export class TeamModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'IANA time zone the team works in, e.g. Europe/Warsaw.' })
  timeZone!: string;

  @Field(() => [Channel])
  channels!: Channel[];

  @Field(() => ID, { nullable: true })
  leadAgentId!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType('TeamConnection')
export class TeamConnection extends Connection(TeamModel, 'Team') {}

@ObjectType()
export class CreateTeamPayload {
  @Field(() => TeamModel)
  team!: TeamModel;
}

@ObjectType()
export class UpdateTeamPayload {
  @Field(() => TeamModel)
  team!: TeamModel;
}
