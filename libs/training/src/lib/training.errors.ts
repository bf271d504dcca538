import { registerConstraintMessages } from '@deskforce/platform';

/** Why training refused a change: `extensions.details.rule` of its errors. */
export enum TrainingErrorRule {
  /** The mentor has no free place. */
  MENTOR_AT_CAPACITY = 'MENTOR_AT_CAPACITY',
  /** A capacity below the mentor's active mentorships. */
  CAPACITY_BELOW_ACTIVE = 'CAPACITY_BELOW_ACTIVE',
  /** The module changed since the attempt started. */
  STALE_VERSION = 'STALE_VERSION',
  /** The quiz score is below the module's passing score. */
  PASSING_SCORE_NOT_MET = 'PASSING_SCORE_NOT_MET',
  /** The assignment is completed or waived already. */
  ASSIGNMENT_FINISHED = 'ASSIGNMENT_FINISHED',
  /** An earlier module of the path is not completed. */
  PREREQUISITES_INCOMPLETE = 'PREREQUISITES_INCOMPLETE',
}

registerConstraintMessages({
  training_modules_title_key: { field: 'input.title', message: 'A training module with this title already exists.' },
  learning_paths_name_key: { field: 'input.name', message: 'A learning path with this name already exists.' },
  learning_path_modules_module_fkey: { field: 'input.modules', message: 'No such training module.' },
  training_assignment_rules_scope_key: {
    field: 'input.pathId',
    message: 'The team already has this rule for this level and path.',
  },
  training_assignment_rules_team_fkey: { field: 'input.teamId', message: 'No such team.' },
  training_assignment_rules_path_fkey: { field: 'input.pathId', message: 'No such learning path.' },
  mentorships_active_pair_key: { field: 'input.menteeId', message: 'This mentor already mentors this agent.' },
  // The last line of defence under concurrency (a trigger); the service checks first and says more.
  mentorships_mentor_capacity: {
    field: 'input.mentorId',
    message: 'The mentor has no free place.',
    details: { rule: TrainingErrorRule.MENTOR_AT_CAPACITY },
  },
});
