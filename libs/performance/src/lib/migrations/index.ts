import { CreateInteractionsAndKpiRollups1764000000500 } from './1764000000500-create-interactions-and-kpi-rollups';
import { CreateImportStaging1764000000510 } from './1764000000510-create-import-staging';

export const performanceMigrations = [CreateInteractionsAndKpiRollups1764000000500, CreateImportStaging1764000000510];
