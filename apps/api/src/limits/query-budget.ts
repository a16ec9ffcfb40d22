import { clientAddress, type RateLimits, type RequestContext } from '@app/common';
import type { TokenService } from '@app/identity';
import type { QueryBudget } from '../graphql.options.js';

/**
 * Each member's budget of query cost per minute (QUERY_COST_PER_MINUTE), shared by all their
 * tokens; a caller without a valid token spends their address's budget. The token is verified
 * here (a signature check, no database): an unverified one would let a client pick its own key.
 */
export function queryBudget(tokens: TokenService, limits: RateLimits): QueryBudget {
  return async (ctx, cost) => limits.spendQueryCost(await callerKey(ctx, tokens), cost);
}

async function callerKey(ctx: RequestContext, tokens: TokenService): Promise<string> {
  if (ctx.actor) return `member:${ctx.actor.organizationId}:${ctx.actor.userId}`;
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? '');
  if (match) {
    const claims = await tokens.verify(match[1]).catch(() => null);
    if (claims) return `member:${claims.organizationId}:${claims.userId}`;
  }
  return `address:${clientAddress(ctx.req)}`;
}
