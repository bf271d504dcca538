import { CreateInteractionsAndKpiRollups1764000000500 } from './1764000000500-create-interactions-and-kpi-rollups';
import { CreateImportStaging1764000000510 } from './1764000000510-create-import-staging';
import { TypeImportStagingAndCheckPeoplePerBatch1764000000520 } from './1764000000520-type-import-staging-and-check-people-per-batch';
import { CreateKpiAlertStates1764000013130 } from './1764000013130-create-kpi-alert-states';

export const performanceMigrations = [
  CreateInteractionsAndKpiRollups1764000000500,
  CreateImportStaging1764000000510,
  TypeImportStagingAndCheckPeoplePerBatch1764000000520,
  CreateKpiAlertStates1764000013130,
];
