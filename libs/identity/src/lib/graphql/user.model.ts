import { Connection, DateTimeScalar, Role } from '@deskforce/platform';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Tenant', { description: 'An organisation using Deskforce; all its data is isolated from every other tenant.' })
export class TenantModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Short name used to pick the organisation at sign-in when an email has several.' })
  slug!: string;
}

@ObjectType('User', { description: 'Someone who signs in. An agent may be linked to a user.' })
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** Not a GraphQL field: the tenant field resolver reads it. */
  tenantId!: string;
}

@ObjectType('UserConnection')
export class UserConnection extends Connection(UserModel, 'User') {}
