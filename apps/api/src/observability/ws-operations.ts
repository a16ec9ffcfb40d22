import {
  getOperationAST,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { liveSubscriptions, operationDuration, operationErrors } from '@app/common';
import { operationLabels } from './operation-labels.plugin.js';

/** What graphql-js's execute or subscribe answers. */
export type WsResult = ExecutionResult | AsyncIterable<ExecutionResult>;

/**
 * An operation over graphql-ws in the same metrics as one over HTTP (`protocol="graphql-ws"`):
 * a query or mutation timed until it answered, a subscription until it was set up (its errors
 * are counted by countWsErrors). A subscription that starts is counted in
 * `throughline_live_subscriptions` until it ends, whichever way (the client completes it, the
 * connection closes, the server closes it).
 */
export async function observedWsOperation(
  args: ExecutionArgs,
  run: () => Promise<WsResult>,
): Promise<WsResult> {
  const started = performance.now();
  const labels = wsLabels(args);
  let result: WsResult;
  try {
    result = await run();
  } finally {
    operationDuration.observe(labels, (performance.now() - started) / 1000);
  }
  return isAsyncIterable(result) ? countedWhileOpen(result, labels.operation) : result;
}

/**
 * Counts the codes of the errors a graphql-ws operation answered with (once each per answer), as
 * they reach the client: after formatting, so the codes are the API's. `args` is null for a
 * document refused before it ran (it did not parse or validate): `unknown`, as over HTTP.
 */
export function countWsErrors(
  args: ExecutionArgs | null,
  errors: readonly GraphQLFormattedError[],
): void {
  if (errors.length === 0) return;
  const labels = args ? wsLabels(args) : { protocol: 'graphql-ws', ...UNKNOWN };
  const codes = new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')));
  for (const code of codes) operationErrors.inc({ ...labels, code });
}

const UNKNOWN = { type: 'unknown', operation: 'unknown' };

function wsLabels(args: ExecutionArgs): { protocol: string; type: string; operation: string } {
  const operation = getOperationAST(args.document, args.operationName) ?? undefined;
  return { protocol: 'graphql-ws', ...operationLabels(args.schema, operation) };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/**
 * The subscription's events as they are, counted as one running subscription from now until the
 * iterator ends: it returns (graphql-ws calls `return` when the client completes or the socket
 * closes), throws, or says it is done. Counted down once, whichever comes first.
 */
function countedWhileOpen(
  events: AsyncIterable<ExecutionResult>,
  operation: string,
): AsyncIterableIterator<ExecutionResult> {
  const inner = events[Symbol.asyncIterator]();
  let open = true;
  liveSubscriptions.inc({ operation });
  const ended = () => {
    if (!open) return;
    open = false;
    liveSubscriptions.dec({ operation });
  };
  const wrapped: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => wrapped,
    async next() {
      try {
        const step = await inner.next();
        if (step.done) ended();
        return step;
      } catch (error) {
        ended();
        throw error;
      }
    },
    async return(value?: unknown) {
      ended();
      return inner.return
        ? inner.return(value)
        : { done: true as const, value: value as ExecutionResult };
    },
    async throw(error?: unknown) {
      ended();
      if (inner.throw) return inner.throw(error);
      throw error;
    },
  };
  return wrapped;
}
