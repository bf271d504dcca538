import { registerEnumType } from '@nestjs/graphql';

/** Each user has exactly one role. */
export enum Role {
  ADMIN = 'ADMIN',
  DIRECTOR = 'DIRECTOR',
  COORDINATOR = 'COORDINATOR',
  TRAINER = 'TRAINER',
  AGENT = 'AGENT',
}

registerEnumType(Role, { name: 'Role', description: 'What a user may do; each operation lists the roles it allows.' });

export const ALL_ROLES: readonly Role[] = Object.values(Role);
