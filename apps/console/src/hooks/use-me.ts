import { useQuery } from 'urql';
import { graphql } from '../gql';
import { viewerZone } from '../time/format';

const MeQuery = graphql(`
  query MyAgent {
    me {
      id
      agent {
        id
        name
        team {
          id
          name
          timeZone
        }
      }
    }
  }
`);

/** The signed-in user's agent record and the zone to show their times in (their team's). */
export function useMyAgent() {
  const [result] = useQuery({ query: MeQuery });
  const agent = result.data?.me.agent ?? null;
  return {
    agent,
    zone: agent?.team.timeZone ?? viewerZone(),
    fetching: result.fetching,
    error: result.error,
    loaded: Boolean(result.data),
  };
}
