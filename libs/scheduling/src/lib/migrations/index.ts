import { CreateScheduling1764000000300 } from './1764000000300-create-scheduling';
import { CreateAgentAvailability1764000000800 } from './1764000000800-create-agent-availability';

export const schedulingMigrations = [CreateScheduling1764000000300, CreateAgentAvailability1764000000800];
