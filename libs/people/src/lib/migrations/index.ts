import { CreateTeamsAndAgents1764000000200 } from './1764000000200-create-teams-and-agents';

export const peopleMigrations = [CreateTeamsAndAgents1764000000200];
