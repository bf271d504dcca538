import { registerConstraintMessages } from '@deskforce/platform';

// The ingest statements check every rule row by row before writing; these are the last line of defence.
registerConstraintMessages({
  interactions_team_fkey: { field: 'input.interactions', message: 'A row names an unknown team.' },
  interactions_agent_fkey: { field: 'input.interactions', message: 'A row names an unknown agent.' },
  survey_responses_interaction_fkey: { field: 'input.responses', message: 'A row names an unknown interaction.' },
  agent_state_events_agent_fkey: { field: 'input.states', message: 'A row names an unknown agent.' },
  kpi_targets_team_fkey: { field: 'input.teamId', message: 'No such team.' },
  kpi_targets_scope_key: { field: 'input.metric', message: 'This team already has a target for this metric.' },
});
