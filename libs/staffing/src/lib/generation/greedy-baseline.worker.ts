/**
 * Worker-thread entry point for the greedy baseline of a schedule generation job: on a week of 150
 * agents the heuristic takes up to two seconds, which the API's event loop must not spend. Posts one
 * message, { solution } or { error }, and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { greedySchedule } from '../optimize/greedy-schedule';
import type { ScheduleProblem } from '../optimize/schedule-problem.types';

if (parentPort) {
  try {
    parentPort.postMessage({ solution: greedySchedule(workerData as ScheduleProblem) });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
