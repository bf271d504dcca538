import { Connection, DateTimeScalar, Role } from '@deskforce/platform';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('ApiToken', {
  description:
    'A credential for an integration, acting with its role in this organisation. The secret is shown once, at creation.',
})
export class ApiTokenModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, {
    description: 'The admin who created it; changes made with it are audited under them and the token.',
  })
  createdBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Recorded to the minute.' })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('ApiTokenConnection')
export class ApiTokenConnection extends Connection(ApiTokenModel, 'ApiToken') {}

@ObjectType()
export class CreateApiTokenPayload {
  @Field(() => ApiTokenModel)
  apiToken!: ApiTokenModel;

  @Field({
    description: 'The secret, shown only now: send it as "Authorization: Bearer <token>". Only its hash is kept.',
  })
  token!: string;
}

@ObjectType()
export class RevokeApiTokenPayload {
  @Field(() => ApiTokenModel)
  apiToken!: ApiTokenModel;
}
