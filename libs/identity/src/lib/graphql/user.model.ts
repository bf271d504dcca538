import { Connection, DateTimeScalar, Role } from '@deskforce/platform';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum Locale {
  en = 'en',
  tr = 'tr',
  az = 'az',
  pl = 'pl',
}
registerEnumType(Locale, {
  name: 'Locale',
  description: 'A language the console speaks: English, Türkçe, Azərbaycan, Polski.',
});

@ObjectType('Tenant', {
  description: 'An organisation using Deskforce; all its data is isolated from every other tenant.',
})
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

  @Field(() => Locale, {
    nullable: true,
    description: 'The language the user chose for the console; null: the browser’s.',
  })
  locale!: Locale | null;

  @Field({ description: 'False once deactivated: the user cannot sign in and their sessions have ended.' })
  active!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** Not a GraphQL field: the tenant field resolver reads it. */
  tenantId!: string;
}

@ObjectType('UserConnection')
export class UserConnection extends Connection(UserModel, 'User') {}

@ObjectType()
export class CreateUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType({ description: 'The user with the new role; every session they had has ended.' })
export class UpdateUserRolePayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType({ description: 'The user can no longer sign in; every session they had has ended.' })
export class DeactivateUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType()
export class ReactivateUserPayload {
  @Field(() => UserModel)
  user!: UserModel;
}

@ObjectType()
export class UpdateMyProfilePayload {
  @Field(() => UserModel)
  user!: UserModel;
}
