import { CreateAppRole1764000000000 } from './1764000000000-create-app-role';
import { CreateAuditLog1764000000250 } from './1764000000250-create-audit-log';

export const platformMigrations = [CreateAppRole1764000000000, CreateAuditLog1764000000250];
