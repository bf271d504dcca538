import { ALL_ROLES, PermissionTable, Role } from '@deskforce/platform';

/** Assign, follow and report on training. Coordinators only for the teams they coordinate (checked in the services). */
const TRAINERS = [Role.ADMIN, Role.DIRECTOR, Role.COORDINATOR, Role.TRAINER] as const;
/** Write modules and paths. */
const AUTHORS = [Role.ADMIN, Role.DIRECTOR, Role.TRAINER] as const;

/** Agents reach their own training (myTraining, progress, completion) and their own mentorships only. */
export const trainingPermissions: PermissionTable = {
  'Query.trainingModules': ALL_ROLES,
  'Query.trainingModule': ALL_ROLES,
  'Mutation.createTrainingModule': AUTHORS,
  'Mutation.updateTrainingModule': AUTHORS,
  'Query.learningPaths': TRAINERS,
  'Query.learningPath': TRAINERS,
  'Mutation.createLearningPath': AUTHORS,
  'Mutation.updateLearningPath': AUTHORS,
  'Query.trainingAssignmentRules': TRAINERS,
  'Mutation.createTrainingAssignmentRule': TRAINERS,
  'Mutation.deleteTrainingAssignmentRule': TRAINERS,
  'Query.trainingAssignments': TRAINERS,
  'Query.myTraining': ALL_ROLES,
  'Mutation.assignTraining': TRAINERS,
  'Mutation.recordTrainingProgress': ALL_ROLES,
  'Mutation.completeTraining': ALL_ROLES,
  'Mutation.waiveTraining': TRAINERS,
  'Mutation.bookTrainingSession': TRAINERS,
  'Query.mentorships': ALL_ROLES,
  'Query.mentoringSessions': ALL_ROLES,
  'Query.suggestMentors': TRAINERS,
  'Mutation.createMentorship': TRAINERS,
  'Mutation.endMentorship': TRAINERS,
  'Mutation.setMentorCapacity': TRAINERS,
  'Mutation.logMentoringSession': ALL_ROLES,
  'Query.trainingCompletionReport': TRAINERS,
  'Query.onboardingReport': TRAINERS,
  'Query.trainingImpact': TRAINERS,
};
