/**
 * Worker-thread entry point for the schedule solver: HiGHS blocks its thread for up to the time
 * limit, so the API runs it here (see `solveInWorker`). The request comes in `workerData`, or as
 * the first message when workerData is empty; the worker posts 'progress' messages ('building
 * model', 'warm start', 'solving', 'done'), then one 'result' or 'error', and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { StaffingInputError } from '../math/staffing-input.error';
import { solveSchedule } from './schedule.solver';
import type { ScheduleWorkerMessage, ScheduleWorkerRequest, SerializedError } from './schedule-worker.protocol';

function serialize(error: unknown): SerializedError {
  if (error instanceof StaffingInputError) return { name: error.name, message: error.message, field: error.field };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

async function handle(request: ScheduleWorkerRequest): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const post = (message: ScheduleWorkerMessage): void => port.postMessage(message);
  const stop = request.stopFlag ? new Int32Array(request.stopFlag) : null;
  try {
    const solution = await solveSchedule(
      request.problem,
      request.options ?? {},
      (progress) => post({ type: 'progress', progress }),
      { shouldStop: stop ? () => Atomics.load(stop, 0) === 1 : undefined },
    );
    post({ type: 'result', solution });
  } catch (error) {
    post({ type: 'error', error: serialize(error) });
  }
}

if (parentPort) {
  const request = workerData as ScheduleWorkerRequest | null | undefined;
  if (request && request.problem) void handle(request);
  else parentPort.once('message', (message: ScheduleWorkerRequest) => void handle(message));
}
