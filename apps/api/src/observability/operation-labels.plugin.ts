import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '@app/common';
import { GRAPHQL_OPERATION, type GraphqlOperationLabels } from './request-observer.js';

/**
 * Labels the request's metrics with its GraphQL operation: `type` (query, mutation, subscription)
 * and `operation`, the first root field, when the schema has it; anything else (a document that
 * did not parse or validate) is `unknown`, so clients cannot mint series. The codes of the errors
 * it answered with are counted once per code. The request middleware observes (one place, the
 * whole answer timed); this only names. One listener for every request: nothing is allocated but
 * the labels.
 */
export const operationLabelsPlugin: ApolloServerPlugin<RequestContext> = {
  requestDidStart: () => Promise.resolve(listener),
};

const listener: GraphQLRequestListener<RequestContext> = {
  willSendResponse({ contextValue, operation, schema, response }) {
    const locals = contextValue.req.res?.locals;
    if (!locals) return Promise.resolve(); // graphql-ws: no HTTP answer to label
    const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
    const codes = new Set<string>();
    for (const e of errors) codes.add(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
    locals[GRAPHQL_OPERATION] = {
      ...operationLabels(schema, operation),
      codes: [...codes],
    } satisfies GraphqlOperationLabels;
    return Promise.resolve();
  },
};

const UNKNOWN = { type: 'unknown', operation: 'unknown' };

export function operationLabels(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
): { type: string; operation: string } {
  if (!operation) return UNKNOWN;
  const root = schema.getRootType(operation.operation);
  if (!root) return UNKNOWN;
  let introspection = false;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const name = selection.name.value;
    if (name.startsWith('__')) {
      introspection = true;
      continue;
    }
    return { type: operation.operation, operation: root.getFields()[name] ? name : 'unknown' };
  }
  return { type: operation.operation, operation: introspection ? '__introspection' : 'unknown' };
}
