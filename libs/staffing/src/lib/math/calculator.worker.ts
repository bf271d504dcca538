/**
 * The stateless calculators as a worker module (run by the platform's ComputePool in a worker thread).
 * A worker cannot throw our error classes across the thread boundary, so input errors come back as values.
 */
import {
  chatRequirement,
  ChatRequirementInput,
  ChatRequirementResult,
  deferredWorkRequirement,
  DeferredWorkInput,
  DeferredWorkResult,
} from './channel-requirements';
import { erlangA, ErlangAInput, ErlangAResult } from './erlang-a';
import { erlangC, ErlangCInput, ErlangCResult } from './erlang-c';
import { AhtForecastOptions, AhtForecastResult, forecastAht } from '../forecast/aht-forecast';
import {
  forecastQuarterHours,
  QuarterHourForecast,
  QuarterHourForecastOptions,
} from '../forecast/quarter-hour-forecast';
import { SeriesSizing, SeriesSizingInput, sizeSeries } from './size-series';
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

export function sizeSeriesTask(input: SeriesSizingInput): WorkerAnswer<SeriesSizing> {
  return answer(() => sizeSeries(input));
}

export interface HistoryForecastInput {
  contacts: number[];
  volume: QuarterHourForecastOptions;
  handled: number[];
  ahtSeconds: (number | null)[];
  aht: AhtForecastOptions;
}

/** A team-channel's volume and AHT forecast from its quarter-hour history (model selection included). */
export function historyForecastTask(
  input: HistoryForecastInput,
): WorkerAnswer<{ volume: QuarterHourForecast; aht: AhtForecastResult }> {
  return answer(() => ({
    volume: forecastQuarterHours(input.contacts, input.volume),
    aht: forecastAht(input.handled, input.ahtSeconds, input.aht),
  }));
}

/** Where this module is, for ComputePool tasks (the .ts file from sources, the .js file when built). */
export const CALCULATOR_WORKER_FILE = __filename;
