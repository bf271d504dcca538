import { AppError } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { chatRequirement, ChatRequirementResult, deferredWorkRequirement, DeferredWorkResult } from './math/channel-requirements';
import { erlangC, ErlangCResult, trafficErlangs, validateErlangCInput } from './math/erlang-c';
import { erlangA, ErlangAResult, validateErlangAInput } from './math/erlang-a';
import { requireInteger } from './math/staffing-input.error';
import { ChatRequirementInput, DeferredWorkRequirementInput, ErlangAInput, ErlangCInput } from './graphql/erlang.model';
import { assertSizeable } from './requirements.service';
import { withInputPath } from './staffing.errors';

/** The stateless calculators: the core's formulas, with its input errors named by their input path. */
@Injectable()
export class StaffingCalculatorService {
  erlangC(input: ErlangCInput): ErlangCResult {
    const queue = { ...input, asaTargetSeconds: input.asaTargetSeconds ?? null };
    return withInputPath(() => {
      validateErlangCInput(queue);
      assertSizeable(trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds), input.maxOccupancy, 'input', 'contacts');
      return erlangC(queue);
    });
  }

  erlangA(input: ErlangAInput): ErlangAResult {
    const queue = { ...input, asaTargetSeconds: input.asaTargetSeconds ?? null, maxAbandonment: input.maxAbandonment ?? null };
    return withInputPath(() => {
      validateErlangAInput(queue);
      assertSizeable(trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds), input.maxOccupancy, 'input', 'contacts');
      return erlangA(queue);
    });
  }

  chatRequirement(input: ChatRequirementInput): ChatRequirementResult {
    const chat = { ...input, asaTargetSeconds: input.asaTargetSeconds ?? null };
    return withInputPath(() => {
      validateErlangCInput(chat);
      requireInteger('concurrency', input.concurrency, 1);
      assertSizeable(trafficErlangs(input.contacts, input.ahtSeconds, input.intervalSeconds), input.maxOccupancy, 'input', 'contacts');
      return chatRequirement(chat);
    });
  }

  deferredWorkRequirement(input: DeferredWorkRequirementInput): DeferredWorkResult {
    if (input.ahtSeconds.length !== 1 && input.ahtSeconds.length !== input.contacts.length) {
      throw AppError.badInput({ field: 'input.ahtSeconds', message: `must hold one value, or one per contacts value (${input.contacts.length})` });
    }
    return withInputPath(() =>
      deferredWorkRequirement({
        contacts: input.contacts,
        ahtSeconds: input.ahtSeconds.length === 1 ? input.ahtSeconds[0]! : input.ahtSeconds,
        intervalSeconds: input.intervalSeconds,
        deadlineSeconds: input.deadlineSeconds,
        maxOccupancy: input.maxOccupancy,
        shrinkage: input.shrinkage,
      }),
    );
  }
}
