import { useQuery } from 'urql';
import { graphql } from '../gql';

const TeamsQuery = graphql(`
  query Teams {
    teams(first: 200) {
      edges {
        node {
          id
          name
          timeZone
          channels
          coordinators {
            id
          }
        }
      }
    }
  }
`);

export interface TeamSummary {
  id: string;
  name: string;
  timeZone: string;
  channels: string[];
  coordinators: { id: string }[];
}

/** The teams the signed-in user can see (coordinators: all teams are listed; the API checks what they may change). */
export function useTeams() {
  const [result] = useQuery({ query: TeamsQuery });
  const teams: TeamSummary[] = result.data?.teams.edges.map((e) => e.node) ?? [];
  return { teams, fetching: result.fetching, error: result.error };
}

/** The teams a user plans first: those they coordinate, then the others. */
export function plannedFirst(teams: TeamSummary[], userId: string): TeamSummary[] {
  const mine = (t: TeamSummary) => t.coordinators.some((c) => c.id === userId);
  return [...teams.filter(mine), ...teams.filter((t) => !mine(t))];
}
