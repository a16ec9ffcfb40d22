import type { Actor } from '@app/common';
import { Database, Membership } from '@app/database';
import type { TokenService } from '@app/identity';

/**
 * graphql-ws connections: the Bearer token of connectionParams.authorization must be valid and its
 * user still a member of the token's organization (as the access guard checks each HTTP request);
 * the connection then acts as that member for every subscription it starts.
 */
export function connectionAuthenticator(tokens: TokenService, db: Database) {
  return async (authorization: unknown): Promise<Actor | null> => {
    const match = /^Bearer\s+(\S+)$/i.exec(typeof authorization === 'string' ? authorization : '');
    if (!match) return null;
    try {
      const claims = await tokens.verify(match[1]);
      const membership = await db.transaction(claims, (em) =>
        em.findOne(Membership, {
          where: { organizationId: claims.organizationId, userId: claims.userId },
        }),
      );
      if (!membership || membership.joinedAt === null) return null;
      return { ...claims, role: membership.role };
    } catch {
      return null;
    }
  };
}
