import { CreateInteractionsAndKpiRollups1764000000500 } from './1764000000500-create-interactions-and-kpi-rollups';

export const performanceMigrations = [CreateInteractionsAndKpiRollups1764000000500];
