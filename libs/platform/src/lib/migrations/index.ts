import { CreateAppRole1764000000000 } from './1764000000000-create-app-role';

export const platformMigrations = [CreateAppRole1764000000000];
