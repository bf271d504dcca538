export * from './lib/entities/tenant.entity';
export * from './lib/entities/user.entity';
export * from './lib/graphql/user.model';
export * from './lib/identity.module';
export * from './lib/identity.permissions';
export * from './lib/migrations';
export * from './lib/tenant-provisioning.service';
export * from './lib/user.service';

import { TenantEntity } from './lib/entities/tenant.entity';
import { UserEntity } from './lib/entities/user.entity';
export const identityEntities = [TenantEntity, UserEntity];
