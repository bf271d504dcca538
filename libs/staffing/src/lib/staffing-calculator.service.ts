import { Actor, AppError, ComputePool, WorkEstimate } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import {
  CALCULATOR_WORKER_FILE,
  chatRequirementTask,
  deferredWorkTask,
  erlangATask,
  erlangCTask,
  WorkerAnswer,
} from './math/calculator.worker';
import { ErlangAResult, validateErlangAInput } from './math/erlang-a';
import { ChatRequirementResult, DeferredWorkResult } from './math/channel-requirements';
import { ErlangCResult, trafficErlangs, validateErlangCInput } from './math/erlang-c';
import { requireInteger } from './math/staffing-input.error';
import { ChatRequirementInput, DeferredWorkRequirementInput, ErlangAInput, ErlangCInput } from './graphql/erlang.input';
import { chatWork, deferredWork, erlangWork } from './graphql/staffing.work';
import { assertSizeable } from './requirements.service';
import { inputPath, withInputPath } from './staffing.errors';

/** Below this many work units (about a millisecond) a calculation runs at once; above, in a worker thread. */
const INLINE_WORK = 1000;

/**
 * The stateless calculators: the core's formulas, with its input errors named by their input path. Heavy
 * ones run in the ComputePool's worker threads, in the tenant's turn, so that the event loop stays free.
 */
@Injectable()
export class StaffingCalculatorService {
  constructor(private readonly compute: ComputePool) {}

  erlangC(actor: Actor, input: ErlangCInput): Promise<ErlangCResult> {
    const queue = { ...input, asaTargetSeconds: input.asaTargetSeconds ?? null };
    withInputPath(() => {
      validateErlangCInput(queue);
      assertSizeable(
        trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds),
        input.maxOccupancy,
        'input',
        'contacts',
      );
    });
    return this.calculate(actor, erlangWork, input, 'erlangCTask', erlangCTask, queue);
  }

  erlangA(actor: Actor, input: ErlangAInput): Promise<ErlangAResult> {
    const queue = {
      ...input,
      asaTargetSeconds: input.asaTargetSeconds ?? null,
      maxAbandonment: input.maxAbandonment ?? null,
    };
    withInputPath(() => {
      validateErlangAInput(queue);
      assertSizeable(
        trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds),
        input.maxOccupancy,
        'input',
        'contacts',
      );
    });
    return this.calculate(actor, erlangWork, input, 'erlangATask', erlangATask, queue);
  }

  chatRequirement(actor: Actor, input: ChatRequirementInput): Promise<ChatRequirementResult> {
    const chat = { ...input, asaTargetSeconds: input.asaTargetSeconds ?? null };
    withInputPath(() => {
      validateErlangCInput(chat);
      requireInteger('concurrency', input.concurrency, 1);
      assertSizeable(
        trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds),
        input.maxOccupancy,
        'input',
        'contacts',
      );
    });
    return this.calculate(actor, chatWork, input, 'chatRequirementTask', chatRequirementTask, chat);
  }

  deferredWorkRequirement(actor: Actor, input: DeferredWorkRequirementInput): Promise<DeferredWorkResult> {
    if (input.ahtSeconds.length !== 1 && input.ahtSeconds.length !== input.contacts.length) {
      throw AppError.badInput({
        field: 'input.ahtSeconds',
        message: `must hold one value, or one per contacts value (${input.contacts.length})`,
      });
    }
    const args = {
      contacts: input.contacts,
      ahtSeconds: input.ahtSeconds.length === 1 ? input.ahtSeconds[0]! : input.ahtSeconds,
      intervalSeconds: input.intervalSeconds,
      deadlineSeconds: input.deadlineSeconds,
      maxOccupancy: input.maxOccupancy,
      shrinkage: input.shrinkage,
    };
    return this.calculate(actor, deferredWork, input, 'deferredWorkTask', deferredWorkTask, args);
  }

  /** Runs a calculator task here when it is cheap, else in a worker thread; input errors name the input path. */
  private async calculate<I, R>(
    actor: Actor,
    work: WorkEstimate,
    input: unknown,
    name: string,
    task: (args: I) => WorkerAnswer<R>,
    args: I,
  ): Promise<R> {
    const units = work({ args: { input }, childComplexity: 0 });
    const answer =
      units < INLINE_WORK
        ? task(args)
        : await this.compute.run<WorkerAnswer<R>>(actor.tenantId, { file: CALCULATOR_WORKER_FILE, name }, args);
    if (!answer.ok) throw AppError.badInput({ field: inputPath(answer.field), message: answer.message });
    return answer.value;
  }
}
