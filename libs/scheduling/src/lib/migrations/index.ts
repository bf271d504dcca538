import { CreateScheduling1764000000300 } from './1764000000300-create-scheduling';

export const schedulingMigrations = [CreateScheduling1764000000300];
