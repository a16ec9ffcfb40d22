import { createClient as createWsClient } from 'graphql-ws';
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';

/** What urql needs of a live transport: graphql-ws's client, or a fake one in tests. */
export interface LiveTransport {
  subscribe(
    request: { query: string; variables?: Record<string, unknown> | null },
    sink: {
      next(value: unknown): void;
      error(error: unknown): void;
      complete(): void;
    },
  ): () => void;
}

/** graphql-ws at the page's own /graphql, the token in connectionParams (README "planning session"). */
function browserTransport(token: string | null): LiveTransport | null {
  if (!token || typeof window === 'undefined' || typeof WebSocket === 'undefined') return null;
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
  // lazy: the socket opens with the first subscription (the alignment views and planning have one)
  return createWsClient({
    url,
    lazy: true,
    connectionParams: { authorization: `Bearer ${token}` },
  });
}

/**
 * One urql client per session: the token goes in the Authorization header, queries are POSTed
 * (Apollo's CSRF prevention refuses a plain GET), subscriptions go over graphql-ws, and an
 * UNAUTHENTICATED answer (an expired token, a removed member) ends the session.
 */
export function createGraphqlClient(
  token: string | null,
  onUnauthenticated: () => void,
  fetchImpl?: typeof fetch,
  live?: LiveTransport | null,
): Client {
  // tests pass a fake fetch and, when they need one, a fake live transport
  const transport = live !== undefined ? live : fetchImpl ? null : browserTransport(token);
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
      ...(transport
        ? [
            subscriptionExchange({
              forwardSubscription: (request) => {
                const input = { ...request, query: request.query || '' };
                return {
                  subscribe: (sink) => ({
                    unsubscribe: transport.subscribe(input, {
                      next: (value) => sink.next(value as never),
                      error: (error) => sink.error(error),
                      complete: () => sink.complete(),
                    }),
                  }),
                };
              },
            }),
          ]
        : []),
    ],
  });
}
