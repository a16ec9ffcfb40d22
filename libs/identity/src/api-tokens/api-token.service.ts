import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hasRole, pageQuery, Tenant, type Actor, type Page } from '@app/common';
import { ApiToken } from '@app/database';
import { DomainError } from '@app/domain';
import { SessionCache } from '../access/session-cache.js';
import { formatApiToken, hashApiTokenSecret, newApiTokenSecret } from './api-token-secret.js';
import type { ApiTokenListArgs, CreateApiTokenInput } from './api-token.inputs.js';

/** Live (unrevoked, unexpired) tokens one member may hold in one organization. */
export const MAX_ACTIVE_API_TOKENS = 50;

/**
 * API tokens: any member creates their own (a VIEWER only READ ones); a member lists and revokes
 * their own, ADMIN and above every token of the organization. The secret is returned once.
 */
@Injectable()
export class ApiTokenService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(SessionCache) private readonly sessions: SessionCache,
  ) {}

  create(
    actor: Actor,
    input: CreateApiTokenInput,
  ): Promise<{ apiToken: ApiToken; secret: string }> {
    if (input.scope === 'WRITE' && !hasRole(actor, 'MEMBER')) {
      throw DomainError.badInput('input.scope', 'a VIEWER can create READ tokens only');
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw DomainError.badInput('input.expiresAt', 'must be in the future');
    }
    return this.tenant.run(actor, async (em) => {
      // Serialized per member, so two concurrent requests cannot both pass the limit.
      await this.tenant.lock(em, actor, `api-tokens:${actor.userId}`);
      const live = await em
        .createQueryBuilder(ApiToken, 't')
        .where('t.createdBy = :user AND t.revokedAt IS NULL', { user: actor.userId })
        .andWhere('(t.expiresAt IS NULL OR t.expiresAt > now())')
        .getCount();
      if (live >= MAX_ACTIVE_API_TOKENS) {
        throw DomainError.conflict(
          `you already have ${MAX_ACTIVE_API_TOKENS} live API tokens here: revoke one first`,
        );
      }
      const id = randomUUID();
      const secret = newApiTokenSecret();
      await em.insert(ApiToken, {
        organizationId: actor.organizationId,
        id,
        name: input.name.trim(),
        scope: input.scope,
        secretHash: hashApiTokenSecret(secret),
        createdBy: actor.userId,
        expiresAt: input.expiresAt ?? null,
      });
      const apiToken = await em.findOneOrFail(ApiToken, { where: { id } });
      return { apiToken, secret: formatApiToken(actor.organizationId, id, secret) };
    });
  }

  list(actor: Actor, args: ApiTokenListArgs): Promise<Page<ApiToken>> {
    return this.tenant.run(actor, (em) => {
      const qb = em.createQueryBuilder(ApiToken, 't');
      if (!hasRole(actor, 'ADMIN')) qb.andWhere('t.createdBy = :user', { user: actor.userId });
      if (!args.includeRevoked) qb.andWhere('t.revokedAt IS NULL');
      return pageQuery(qb, 'name', args);
    });
  }

  /**
   * Revoking a revoked token changes nothing and returns it as it is. Once a revocation has
   * committed, the creator's access is announced as changed, so the live connections made with
   * the token are checked again and closed (apps/api live-connections.ts).
   */
  async revoke(actor: Actor, id: string): Promise<ApiToken> {
    let revoked = false;
    const token = await this.tenant.run(actor, async (em) => {
      const token = await em.findOne(ApiToken, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token) throw DomainError.notFound('API token', id);
      if (token.createdBy !== actor.userId && !hasRole(actor, 'ADMIN')) {
        throw DomainError.forbidden('only its creator or an ADMIN may revoke this API token');
      }
      if (token.revokedAt) return token;
      await em
        .createQueryBuilder()
        .update(ApiToken)
        .set({ revokedAt: () => 'now()' })
        .where('id = :id', { id })
        .execute();
      revoked = true;
      return em.findOneOrFail(ApiToken, { where: { id } });
    });
    if (revoked) await this.sessions.changed(actor.organizationId, token.createdBy);
    return token;
  }
}
