import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { RequestContext } from '@app/common';
import { fieldCost } from './field-costs.js';
import { queryTooComplex } from './query-limits.js';

/** Sets of variables whose cost is remembered per document. */
const COSTS_PER_DOCUMENT = 100;

export interface QueryCostOptions {
  /** the largest cost one operation may have (MAX_QUERY_COST) */
  maxCost: number;
  /** spends the cost from the caller's budget; throws RATE_LIMITED once it is used up */
  spend?: (ctx: RequestContext, cost: number) => Promise<void>;
}

/** What `costOf` needs of an operation. */
export interface CostedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * The operation's cost (graphql-query-complexity with `fieldCost`: a page costs its `first` times
 * its fields); QUERY_TOO_COMPLEX over `maxCost`. Null when its variables are invalid: execution
 * refuses those before any field runs, with its own message.
 */
export function costOf(op: CostedOperation, maxCost: number): number | null {
  let cost: number;
  try {
    cost = getComplexity({
      schema: op.schema,
      query: op.document,
      variables: op.variables ?? {},
      operationName: op.operationName ?? undefined,
      estimators: [fieldCost],
    });
  } catch (error) {
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
      throw queryTooComplex('the query selects too many fields once its fragments are expanded');
    }
    return null;
  }
  if (cost > maxCost) {
    throw queryTooComplex(
      `the query costs ${cost}, over the limit of ${maxCost} per request: ask for smaller pages (a page costs its \`first\` times its fields) or fewer reports`,
    );
  }
  return cost;
}

/**
 * Costs each operation before it runs and refuses one over the limit with QUERY_TOO_COMPLEX; one
 * within it is charged to its caller's budget per minute (RATE_LIMITED once that is used up).
 */
export function queryCostPlugin({
  maxCost,
  spend,
}: QueryCostOptions): ApolloServerPlugin<RequestContext> {
  // The cost of an operation depends on its document and its variables alone, and Apollo hands
  // the same parsed document for the same query text (its document cache): a repeated operation,
  // the usual case (the dashboard sends the same few with the same variables), is costed once
  // instead of walking its document on every request. Per document, the costs of at most
  // COSTS_PER_DOCUMENT sets of variables are kept (beyond, they are computed each time).
  const knownCosts = new WeakMap<DocumentNode, Map<string, number>>();
  const costOnce = (op: CostedOperation, fixed: boolean): number | null => {
    const name = op.operationName ?? '';
    const key = fixed ? name : `${name}\u0000${JSON.stringify(op.variables ?? {})}`;
    let byKey = knownCosts.get(op.document);
    const known = byKey?.get(key);
    if (known !== undefined) return known;
    const cost = costOf(op, maxCost);
    if (cost === null) return null;
    if (!byKey) knownCosts.set(op.document, (byKey = new Map()));
    if (byKey.size < COSTS_PER_DOCUMENT) byKey.set(key, cost);
    return cost;
  };
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ request, document, schema, operation, contextValue }) {
          if (!operation) return;
          const cost = costOnce(
            {
              schema,
              document,
              variables: request.variables,
              operationName: operation.name?.value,
            },
            !operation.variableDefinitions?.length,
          );
          if (cost !== null) await spend?.(contextValue, cost);
        },
      });
    },
  };
}
