import { registerConstraintMessages } from '@deskforce/platform';

// Every ingested row is checked (ingest/ingest-rules.ts) before it is written; these are the last line of defence.
registerConstraintMessages({
  survey_responses_interaction_fkey: { field: 'input.responses', message: 'A row names an unknown interaction.' },
  kpi_targets_team_fkey: { field: 'input.teamId', message: 'No such team.' },
  kpi_targets_scope_key: { field: 'input.metric', message: 'This team already has a target for this metric.' },
});
