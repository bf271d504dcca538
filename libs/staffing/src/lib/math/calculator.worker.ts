/**
 * The stateless calculators as a worker module (run by the platform's ComputePool in a worker thread).
 * A worker cannot throw our error classes across the thread boundary, so input errors come back as values.
 */
import { chatRequirement, ChatRequirementInput, ChatRequirementResult, deferredWorkRequirement, DeferredWorkInput, DeferredWorkResult } from './channel-requirements';
import { erlangA, ErlangAInput, ErlangAResult } from './erlang-a';
import { erlangC, ErlangCInput, ErlangCResult } from './erlang-c';
import { StaffingInputError } from './staffing-input.error';

export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function answer<T>(run: () => T): WorkerAnswer<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof StaffingInputError) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}

export function erlangCTask(input: ErlangCInput): WorkerAnswer<ErlangCResult> {
  return answer(() => erlangC(input));
}

export function erlangATask(input: ErlangAInput): WorkerAnswer<ErlangAResult> {
  return answer(() => erlangA(input));
}

export function chatRequirementTask(input: ChatRequirementInput): WorkerAnswer<ChatRequirementResult> {
  return answer(() => chatRequirement(input));
}

export function deferredWorkTask(input: DeferredWorkInput): WorkerAnswer<DeferredWorkResult> {
  return answer(() => deferredWorkRequirement(input));
}

/** Where this module is, for ComputePool tasks (the .ts file from sources, the .js file when built). */
export const CALCULATOR_WORKER_FILE = __filename;
