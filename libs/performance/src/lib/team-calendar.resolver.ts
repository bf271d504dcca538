import { TeamModel } from '@deskforce/people';
import { Actor, CurrentActor, GqlContext, loaderFor, RequestContext } from '@deskforce/platform';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SetTeamBusinessCalendarInput } from './graphql/team-calendar.input';
import { BusinessCalendarModel, SetTeamBusinessCalendarPayload } from './graphql/team-calendar.model';
import { TeamCalendarService } from './team-calendar.service';

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
