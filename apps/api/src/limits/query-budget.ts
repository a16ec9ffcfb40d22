import { clientAddress, type RateLimits, type RequestContext } from '@app/common';
import type { Authenticator } from '@app/identity';
import type { QueryBudget } from '../graphql.options.js';

/**
 * Each member's budget of query cost per minute (QUERY_COST_PER_MINUTE), shared by all their
 * session and API tokens; a caller without a valid token spends their address's budget. The
 * token is checked here through the request's one authentication (the access guard then reuses
 * it): an unchecked one would let a client pick its own key.
 */
export function queryBudget(authenticator: Authenticator, limits: RateLimits): QueryBudget {
  return async (ctx, cost) => limits.spendQueryCost(await callerKey(ctx, authenticator), cost);
}

async function callerKey(ctx: RequestContext, authenticator: Authenticator): Promise<string> {
  const actor = ctx.req.headers.authorization
    ? await authenticator.actorOf(ctx).catch(() => null)
    : ctx.actor;
  if (actor) return `member:${actor.organizationId}:${actor.userId}`;
  return `address:${clientAddress(ctx.req)}`;
}
