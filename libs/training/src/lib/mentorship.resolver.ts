import { Actor, CurrentActor, GqlContext, RequestContext } from '@deskforce/platform';
import { agentLoader, AgentModel, AgentService } from '@deskforce/people';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CreateMentorshipPayload,
  EndMentorshipPayload,
  LogMentoringSessionPayload,
  MentoringSessionConnection,
  MentorshipConnection,
  MentorshipModel,
  MentorSuggestionModel,
  SetMentorCapacityPayload,
} from './graphql/mentorship.model';
import {
  CreateMentorshipInput,
  EndMentorshipInput,
  LogMentoringSessionInput,
  SetMentorCapacityInput,
} from './graphql/mentorship.input';
import { MentoringSessionsArgs, MentorshipsArgs, SuggestMentorsArgs } from './graphql/mentorship.args';
import { MentorshipService } from './mentorship.service';

@Resolver(() => MentorshipModel)
export class MentorshipResolver {
  constructor(
    private readonly mentorshipService: MentorshipService,
    private readonly agentService: AgentService,
  ) {}

  @Query(() => MentorshipConnection, { description: 'Newest first. An agent sees the mentorships they are part of.' })
  mentorships(@CurrentActor() actor: Actor, @Args() args: MentorshipsArgs): Promise<MentorshipConnection> {
    return this.mentorshipService.list(actor, args.filter, args.first, args.after);
  }

  @Query(() => MentoringSessionConnection, {
    description: 'Newest first. An agent sees the sessions of their own mentorships.',
  })
  mentoringSessions(
    @CurrentActor() actor: Actor,
    @Args() args: MentoringSessionsArgs,
  ): Promise<MentoringSessionConnection> {
    return this.mentorshipService.sessions(actor, args.filter, args.first, args.after);
  }

  @Query(() => [MentorSuggestionModel], {
    description: 'Mentors with a free place, best first, each with the reasons it was suggested.',
  })
  suggestMentors(@CurrentActor() actor: Actor, @Args() args: SuggestMentorsArgs): Promise<MentorSuggestionModel[]> {
    return this.mentorshipService.suggest(actor, args.menteeId, args.first, args.windowDays);
  }

  @Mutation(() => CreateMentorshipPayload, {
    description: 'CONFLICT (MENTOR_AT_CAPACITY) when the mentor has no free place, also under concurrent requests.',
  })
  async createMentorship(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateMentorshipInput,
  ): Promise<CreateMentorshipPayload> {
    return { mentorship: await this.mentorshipService.create(actor, input) };
  }

  @Mutation(() => EndMentorshipPayload, { description: 'Ends a mentorship and frees the mentor’s place.' })
  async endMentorship(
    @CurrentActor() actor: Actor,
    @Args('input') input: EndMentorshipInput,
  ): Promise<EndMentorshipPayload> {
    return { mentorship: await this.mentorshipService.end(actor, input.mentorshipId, input.note) };
  }

  @Mutation(() => SetMentorCapacityPayload)
  setMentorCapacity(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetMentorCapacityInput,
  ): Promise<SetMentorCapacityPayload> {
    return this.mentorshipService.setCapacity(actor, input);
  }

  @Mutation(() => LogMentoringSessionPayload, {
    description: 'Logs a session (the mentor may log their own); bookInSchedules books it as MENTORING in both shifts.',
  })
  async logMentoringSession(
    @CurrentActor() actor: Actor,
    @Args('input') input: LogMentoringSessionInput,
  ): Promise<LogMentoringSessionPayload> {
    return { session: await this.mentorshipService.logSession(actor, input) };
  }

  @ResolveField(() => AgentModel, { nullable: true })
  mentor(
    @Parent() m: MentorshipModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return agentLoader(context, actor, this.agentService).load(m.mentorId);
  }

  @ResolveField(() => AgentModel, { nullable: true })
  mentee(
    @Parent() m: MentorshipModel,
    @CurrentActor() actor: Actor,
    @GqlContext() context: RequestContext,
  ): Promise<AgentModel | null> {
    return agentLoader(context, actor, this.agentService).load(m.menteeId);
  }
}
