import { CreateStaffing1764000000700 } from './1764000000700-create-staffing';

export const staffingMigrations = [CreateStaffing1764000000700];
