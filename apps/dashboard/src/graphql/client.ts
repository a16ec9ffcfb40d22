import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';

/**
 * One urql client per session: the token goes in the Authorization header, queries are POSTed
 * (Apollo's CSRF prevention refuses a plain GET), and an UNAUTHENTICATED answer (an expired token,
 * a removed member) ends the session.
 */
export function createGraphqlClient(
  token: string | null,
  onUnauthenticated: () => void,
  fetchImpl?: typeof fetch,
): Client {
  return new Client({
    url: '/graphql',
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({
      headers: token ? { authorization: `Bearer ${token}` } : ({} as Record<string, string>),
    }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))
            onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
