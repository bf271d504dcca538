import { TeamModel } from '@deskforce/people';
import {
  Actor,
  CurrentActor,
  GqlContext,
  loaderFor,
  RequestContext,
  WorkEstimate,
  workNumber,
} from '@deskforce/platform';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  MAX_RECOMPUTE_CONTACTS,
  RecomputeTeamBusinessTimesInput,
  SetTeamBusinessCalendarInput,
} from './graphql/team-calendar.input';
import {
  BusinessCalendarModel,
  RecomputeTeamBusinessTimesPayload,
  SetTeamBusinessCalendarPayload,
} from './graphql/team-calendar.model';
import { TeamCalendarService } from './team-calendar.service';

/** A recompute: about 20 units a contact read (the business times, the update, the rollup), at most `first`. */
const recomputeWork: WorkEstimate = (options) => {
  const input = options.args['input'];
  const first = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['first'] : undefined;
  return 1000 + 20 * workNumber(first, MAX_RECOMPUTE_CONTACTS, 1, MAX_RECOMPUTE_CONTACTS) + options.childComplexity;
};

@Resolver(() => TeamModel)
export class TeamCalendarResolver {
  constructor(private readonly calendars: TeamCalendarService) {}

  @Mutation(() => SetTeamBusinessCalendarPayload, {
    description:
      'Replaces a team’s business calendar (weekly hours in its time zone, holidays) in one transaction; no window and no holiday removes it (24×7). Admins, and the team’s coordinators.',
  })
  async setTeamBusinessCalendar(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetTeamBusinessCalendarInput,
  ): Promise<SetTeamBusinessCalendarPayload> {
    const { team, calendar } = await this.calendars.set(actor, input);
    return { team, businessCalendar: calendar };
  }

  @Mutation(() => RecomputeTeamBusinessTimesPayload, {
    description:
      'Computes again, with the team’s calendar now, the business times of its contacts created in [from, to): up to `first` per call, in one transaction; go on with `after: endCursor` until hasNextPage is false. Admins, and the team’s coordinators.',
    complexity: recomputeWork,
  })
  async recomputeTeamBusinessTimes(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecomputeTeamBusinessTimesInput,
  ): Promise<RecomputeTeamBusinessTimesPayload> {
    const result = await this.calendars.recompute(actor, input);
    return {
      recomputed: result.recomputed,
      changed: result.changed,
      endCursor: result.endCursor,
      hasNextPage: result.next !== null,
    };
  }

  @ResolveField(() => BusinessCalendarModel, {
    nullable: true,
    description: 'Working hours and holidays for business-time metrics; null: none (24×7).',
  })
  businessCalendar(
    @Parent() team: TeamModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<BusinessCalendarModel | null> {
    return loaderFor(context, 'teamBusinessCalendar', (teams: readonly TeamModel[]) =>
      this.calendars.ofTeams(actor, teams),
    ).load(team);
  }
}
