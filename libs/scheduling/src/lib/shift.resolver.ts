import { Actor, AppError, CurrentActor, GqlContext, RequestContext } from '@deskforce/platform';
import { agentLoader, AgentModel, AgentService, teamLoader, TeamModel, TeamService } from '@deskforce/people';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DateTime, IANAZone } from 'luxon';
import {
  AddShiftActivityPayload,
  ClearDraftShiftsPayload,
  CreateShiftPayload,
  DeleteShiftPayload,
  PublishSchedulePayload,
  RemoveShiftActivityPayload,
  ShiftConnection,
  ShiftModel,
  UpdateShiftPayload,
} from './graphql/shift.model';
import {
  AddShiftActivityInput,
  ClearDraftShiftsInput,
  CreateShiftInput,
  DeleteShiftInput,
  PublishScheduleInput,
  RemoveShiftActivityInput,
  UpdateShiftInput,
} from './graphql/shift.input';
import { MyScheduleArgs, ShiftsArgs } from './graphql/shift.args';
import { workHours } from './rules/labor-rules';
import { toPlannedShift } from './schedule-rules.service';
import { ShiftService } from './shift.service';

@Resolver(() => ShiftModel)
export class ShiftResolver {
  constructor(
    private readonly shiftService: ShiftService,
    private readonly agentService: AgentService,
    private readonly teamService: TeamService,
  ) {}

  @Query(() => ShiftConnection, {
    description: 'Shifts ordered by start. Filter by team, agents, time range and status.',
  })
  shifts(@CurrentActor() actor: Actor, @Args() args: ShiftsArgs): Promise<ShiftConnection> {
    return this.shiftService.list(actor, args.filter, args.first, args.after);
  }

  @Query(() => [ShiftModel], { description: 'The signed-in agent’s published shifts in [from, to).' })
  mySchedule(@CurrentActor() actor: Actor, @Args() args: MyScheduleArgs): Promise<ShiftModel[]> {
    return this.shiftService.mySchedule(actor, args.from, args.to);
  }

  @Mutation(() => CreateShiftPayload, {
    description:
      'A draft shift. HARD labor rules refuse it (CONFLICT with the violations); SOFT ones come back as warnings.',
  })
  createShift(@CurrentActor() actor: Actor, @Args('input') input: CreateShiftInput): Promise<CreateShiftPayload> {
    return this.shiftService.create(actor, input);
  }

  @Mutation(() => UpdateShiftPayload)
  updateShift(@CurrentActor() actor: Actor, @Args('input') input: UpdateShiftInput): Promise<UpdateShiftPayload> {
    return this.shiftService.update(actor, input);
  }

  @Mutation(() => DeleteShiftPayload, { description: 'Deletes a draft; cancels a published shift (kept for history).' })
  deleteShift(@CurrentActor() actor: Actor, @Args('input') input: DeleteShiftInput): Promise<DeleteShiftPayload> {
    return this.shiftService.delete(actor, input.id, input.version);
  }

  @Mutation(() => AddShiftActivityPayload)
  async addShiftActivity(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddShiftActivityInput,
  ): Promise<AddShiftActivityPayload> {
    const result = await this.shiftService.addActivity(actor, input);
    return { ...result, activity: result.shift.activities.find((a) => a.id === result.activityId)! };
  }

  @Mutation(() => RemoveShiftActivityPayload)
  removeShiftActivity(
    @CurrentActor() actor: Actor,
    @Args('input') input: RemoveShiftActivityInput,
  ): Promise<RemoveShiftActivityPayload> {
    return this.shiftService.removeActivity(actor, input.activityId, input.version);
  }

  @Mutation(() => PublishSchedulePayload, {
    description:
      'Publishes the team’s draft shifts that start in [from, to). CONFLICT (rule LABOR_RULES, with the violations) while any of them breaks a HARD rule.',
  })
  async publishSchedule(
    @CurrentActor() actor: Actor,
    @Args('input') input: PublishScheduleInput,
  ): Promise<PublishSchedulePayload> {
    const shifts = await this.shiftService.publish(actor, input.teamId, input.from, input.to);
    return { publishedCount: shifts.length, shifts };
  }

  @Mutation(() => ClearDraftShiftsPayload, {
    description: 'Deletes the team’s draft shifts that start in [from, to) in one go (published shifts stay).',
  })
  async clearDraftShifts(
    @CurrentActor() actor: Actor,
    @Args('input') input: ClearDraftShiftsInput,
  ): Promise<ClearDraftShiftsPayload> {
    const ids = await this.shiftService.clearDrafts(actor, input);
    return { deletedCount: ids.length, deletedShiftIds: ids };
  }

  @ResolveField(() => AgentModel, {
    nullable: true,
    description: 'Null when you may not see the agent record (agents see only their own).',
  })
  agent(
    @Parent() shift: ShiftModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return agentLoader(context, actor, this.agentService).load(shift.agentId);
  }

  @ResolveField(() => TeamModel)
  async team(
    @Parent() shift: ShiftModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<TeamModel> {
    return (await teamLoader(context, actor, this.teamService).load(shift.teamId))!;
  }

  @ResolveField(() => Int, { description: 'Paid working time: the shift minus breaks and lunch.' })
  workSeconds(@Parent() shift: ShiftModel): number {
    return Math.round(workHours(toPlannedShift(shift)) * 3600);
  }

  @ResolveField(() => String, {
    description: 'The start as ISO 8601 local time with offset, in the given IANA zone (default: the team’s).',
  })
  startsAtLocal(
    @Parent() shift: ShiftModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
    @Args('timeZone', { type: () => String, nullable: true }) timeZone?: string,
  ): Promise<string> {
    return this.local(shift, shift.startsAt, actor, context, timeZone);
  }

  @ResolveField(() => String, {
    description: 'The end as ISO 8601 local time with offset, in the given IANA zone (default: the team’s).',
  })
  endsAtLocal(
    @Parent() shift: ShiftModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
    @Args('timeZone', { type: () => String, nullable: true }) timeZone?: string,
  ): Promise<string> {
    return this.local(shift, shift.endsAt, actor, context, timeZone);
  }

  private async local(
    shift: ShiftModel,
    instant: Date,
    actor: Actor,
    context: RequestContext,
    timeZone?: string,
  ): Promise<string> {
    if (timeZone !== undefined && timeZone !== null && !IANAZone.isValidZone(timeZone)) {
      throw AppError.badInput({ field: 'timeZone', message: 'must be an IANA time zone such as Europe/Warsaw' });
    }
    const zone = timeZone ?? (await this.team(shift, actor, context)).timeZone;
    return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true })!;
  }
}
