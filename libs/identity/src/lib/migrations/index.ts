import { CreateTenantsAndUsers1764000000100 } from './1764000000100-create-tenants-and-users';
import { CreateSessionsAndApiTokens1764000001000 } from './1764000001000-create-sessions-and-api-tokens';

export const identityMigrations = [CreateTenantsAndUsers1764000000100, CreateSessionsAndApiTokens1764000001000];
