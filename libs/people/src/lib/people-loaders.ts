import { Actor, loaderFor, RequestContext } from '@deskforce/platform';
import { AgentService } from './agent.service';
import { TeamService } from './team.service';

/**
 * The request's loaders of agents and teams by id, for any library's field resolvers: one look-up per
 * request for all the parents that name them, and one cache per request whichever library asks.
 */
export function agentLoader(context: RequestContext, actor: Actor, agents: AgentService) {
  return loaderFor(context, 'agentById', (ids: readonly string[]) => agents.byIds(actor, ids));
}

export function teamLoader(context: RequestContext, actor: Actor, teams: TeamService) {
  return loaderFor(context, 'teamById', (ids: readonly string[]) => teams.byIds(actor, ids));
}
