import { CreateInteractionsAndKpiRollups1764000000500 } from './1764000000500-create-interactions-and-kpi-rollups';
import { CreateImportStaging1764000000510 } from './1764000000510-create-import-staging';
import { TypeImportStagingAndCheckPeoplePerBatch1764000000520 } from './1764000000520-type-import-staging-and-check-people-per-batch';
import { CreateTeamBusinessCalendars1764000013000 } from './1764000013000-create-team-business-calendars';
import { AddBusinessDurations1764000013010 } from './1764000013010-add-business-durations';
import { CreateKpiAlertStates1764000013130 } from './1764000013130-create-kpi-alert-states';

export const performanceMigrations = [
  CreateInteractionsAndKpiRollups1764000000500,
  CreateImportStaging1764000000510,
  TypeImportStagingAndCheckPeoplePerBatch1764000000520,
  CreateTeamBusinessCalendars1764000013000,
  AddBusinessDurations1764000013010,
  CreateKpiAlertStates1764000013130,
];
