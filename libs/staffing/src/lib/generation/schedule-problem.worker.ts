/**
 * The problem mapping of a schedule generation job as a worker module (run by the platform's ComputePool):
 * expanding every template for every agent, timing and tagging each candidate takes a few hundred
 * milliseconds of CPU on a team of 150 agents, which the API's event loop must not spend. The mapping is
 * pure and deterministic, so the drafts of the chosen candidates are found by mapping again in a worker
 * rather than by carrying every candidate's draft across threads.
 */
import type { ShiftDraft } from '@deskforce/scheduling/planning';
import type { ScheduleAssignment } from '../optimize/schedule-problem.types';
import { mapScheduleProblem, MappedProblemData, ProblemSources } from './schedule-problem.mapping';

/** The core's problem for a team's window, without the drafts. */
export function mapProblemTask(sources: ProblemSources): MappedProblemData {
  const { problem, candidateCount, previousWeek } = mapScheduleProblem(sources);
  return { problem, candidateCount, previousWeek };
}

/** The draft shifts of the chosen candidates, in the order of the assignments. */
export function chosenDraftsTask(input: { sources: ProblemSources; assignments: ScheduleAssignment[] }): ShiftDraft[] {
  const { draftFor } = mapScheduleProblem(input.sources);
  return input.assignments.flatMap((a) => a.candidateIds.map((id) => draftFor(a.agentId, id)));
}

/** Where this module is, for ComputePool tasks (the .ts file from sources, the .js file when built). */
export const SCHEDULE_PROBLEM_WORKER_FILE = __filename;
