import { Client, cacheExchange, CombinedError, fetchExchange, mapExchange } from 'urql';
import { accessToken, refresh } from '../auth/session';

/** The first error code of a GraphQL or network error, e.g. CONFLICT or FORBIDDEN. */
export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : error?.networkError ? 'NETWORK' : undefined;
}

/**
 * One urql client for the console, same origin as the API (/graphql). The bearer token comes from the session
 * module on every request; an UNAUTHENTICATED answer ends (or, later, refreshes) the session.
 */
export function createClient(): Client {
  return new Client({
    url: '/graphql',
    // Screens show what the server has now: re-read on mount, keep results for back/forward.
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (errorCode(error) === 'UNAUTHENTICATED') void refresh();
        },
      }),
      fetchExchange,
    ],
    fetchOptions: (): RequestInit => {
      const token = accessToken();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
    preferGetMethod: false,
  });
}
