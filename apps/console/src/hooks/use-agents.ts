import { useQuery } from 'urql';
import { graphql } from '../gql';

const AgentNamesQuery = graphql(`
  query AgentNames {
    agents(first: 200, filter: { employmentStatuses: [ACTIVE, ON_LEAVE] }) {
      edges {
        node {
          id
          name
          level
          teamId
        }
      }
    }
  }
`);

/** Agents the user may see, by id (for lists that carry only agent ids). */
export function useAgents() {
  const [result] = useQuery({ query: AgentNamesQuery });
  const agents = result.data?.agents.edges.map((e) => e.node) ?? [];
  return { agents, byId: new Map(agents.map((a) => [a.id, a])), fetching: result.fetching, error: result.error };
}
