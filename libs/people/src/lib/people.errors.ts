import { registerConstraintMessages } from '@deskforce/platform';

registerConstraintMessages({
  teams_name_key: { field: 'input.name', message: 'A team with this name already exists.' },
  agents_email_key: { field: 'input.email', message: 'An agent with this email already exists.' },
  agents_user_key: { field: 'input.userId', message: 'This user is already linked to another agent.' },
  agents_team_fkey: { field: 'input.teamId', message: 'No such team.' },
  agents_user_fkey: { field: 'input.userId', message: 'No such user.' },
  teams_lead_agent_fkey: { field: 'input.leadAgentId', message: 'No such agent.' },
  team_coordinators_user_fkey: { field: 'input.coordinatorIds', message: 'No such user.' },
});
