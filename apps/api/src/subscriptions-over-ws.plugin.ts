import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A subscription sent as a plain HTTP request would run its resolver as a query and fail to
 * serialize the event stream it returns (an internal error). Refused instead, before anything
 * runs, with a message saying where subscriptions are served. graphql-ws does not go through
 * Apollo's request pipeline, so this refuses HTTP requests only.
 */
export const subscriptionsOverWsOnly: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return Promise.resolve();
        throw new GraphQLError(
          'subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP POST or GET',
          { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } },
        );
      },
    });
  },
};
