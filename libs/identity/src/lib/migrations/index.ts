import { CreateTenantsAndUsers1764000000100 } from './1764000000100-create-tenants-and-users';

export const identityMigrations = [CreateTenantsAndUsers1764000000100];
