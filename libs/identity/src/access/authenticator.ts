import { Inject, Injectable } from '@nestjs/common';
import { ROLE_RANK, type Actor } from '@app/common';
import { Database, type ApiTokenScope, type Role } from '@app/database';
import { DomainError } from '@app/domain';
import {
  apiTokenSecretMatches,
  isApiTokenString,
  parseApiToken,
} from '../api-tokens/api-token-secret.js';
import { TokenService, type TokenClaims } from '../auth/token.service.js';
import { SessionCache } from './session-cache.js';

/** Where a request keeps its actor: the GraphQL context, or a plain HTTP route's request. */
export interface ActorHolder {
  req?: { headers: { authorization?: string } };
  headers?: { authorization?: string };
  actor?: Actor | null;
}

/** lastUsedAt is written at most this often per token (one UPDATE a minute, not one a request). */
const LAST_USED_PRECISION_MS = 60_000;

interface SessionRow {
  role: Role;
  joinedAt: Date | null;
  sessionEpoch: number;
}

interface ApiTokenRow {
  secretHash: string;
  scope: ApiTokenScope;
  createdBy: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  role: Role | null;
  joinedAt: Date | null;
}

/**
 * Who an `Authorization: Bearer <token>` header is, for the access guard (GraphQL, uploads) and
 * graphql-ws connections alike. A session token (JWT) must carry every claim and match the user's
 * current session epoch; an API token (`tl_...`) must be known, unrevoked, unexpired and carry its
 * secret. Either way the member's role is read in that same statement, so a removed member or a
 * changed role takes effect at once. A session checked a moment ago is taken from the session
 * cache, which the changes that end or narrow access clear at once (session-cache.ts). Every
 * refusal is UNAUTHENTICATED; nothing from the token reaches SQL unchecked.
 */
@Injectable()
export class Authenticator {
  /**
   * The authentication under way for one request (its GraphQL context or its HTTP request): the
   * fields of a request, which all start at once, and the query budget share one check of the
   * token and one read of the membership, not one each.
   */
  private readonly pending = new WeakMap<object, Promise<Actor>>();

  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(Database) private readonly db: Database,
    @Inject(SessionCache) private readonly sessions: SessionCache,
  ) {}

  /** `authenticate` once per request: the result is kept on `holder.actor`. */
  actorOf(holder: ActorHolder): Promise<Actor> {
    if (holder.actor) return Promise.resolve(holder.actor);
    let pending = this.pending.get(holder);
    if (!pending) {
      const headers = holder.req?.headers ?? holder.headers;
      pending = this.authenticate(headers?.authorization).then((actor) => (holder.actor = actor));
      this.pending.set(holder, pending);
    }
    return pending;
  }

  /** `fresh`: read the database even when the session cache holds a recent check. */
  async authenticate(authorization: unknown, { fresh = false } = {}): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(typeof authorization === 'string' ? authorization : '');
    if (!match) throw DomainError.unauthenticated();
    return isApiTokenString(match[1]) ? this.apiToken(match[1]) : this.session(match[1], fresh);
  }

  /** A session token: from the session cache while a check of it is fresh (session-cache.ts). */
  private async session(token: string, fresh: boolean): Promise<Actor> {
    const cached = fresh ? null : this.sessions.get(token);
    if (cached) return cached;
    const stamp = this.sessions.stamp();
    const claims = await this.tokens.verify(token);
    const actor = await this.member(claims);
    this.sessions.set(token, actor, claims.validUntil, stamp);
    return actor;
  }

  private async member(claims: TokenClaims): Promise<Actor> {
    const { organizationId, userId } = claims;
    const rows: SessionRow[] = await this.db.transaction({ organizationId, userId }, (em) =>
      em.query(
        `SELECT m.role, m.joined_at AS "joinedAt", u.session_epoch AS "sessionEpoch"
           FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.organization_id = $1 AND m.user_id = $2`,
        [organizationId, userId],
      ),
    );
    const row = rows[0];
    if (!row || row.joinedAt === null) {
      throw DomainError.unauthenticated('you are no longer a member of this organization');
    }
    if (row.sessionEpoch !== claims.sessionEpoch) {
      throw DomainError.unauthenticated('this session was signed out: sign in again');
    }
    return { organizationId, userId, role: row.role };
  }

  private async apiToken(token: string): Promise<Actor> {
    const parsed = parseApiToken(token);
    if (!parsed) throw DomainError.unauthenticated('the API token is invalid');
    const { organizationId, tokenId, secret } = parsed;
    return this.db.transaction({ organizationId, apiTokenId: tokenId }, async (em) => {
      const rows: ApiTokenRow[] = await em.query(
        `SELECT t.secret_hash AS "secretHash", t.scope, t.created_by AS "createdBy",
                t.expires_at AS "expiresAt", t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt",
                m.role, m.joined_at AS "joinedAt"
           FROM api_tokens t
           LEFT JOIN memberships m ON m.organization_id = t.organization_id AND m.user_id = t.created_by
          WHERE t.organization_id = $1 AND t.id = $2`,
        [organizationId, tokenId],
      );
      const row = rows[0];
      if (!row || !apiTokenSecretMatches(secret, row.secretHash)) {
        throw DomainError.unauthenticated('the API token is invalid');
      }
      const now = Date.now();
      if (row.revokedAt) throw DomainError.unauthenticated('this API token was revoked');
      if (row.expiresAt && row.expiresAt.getTime() <= now) {
        throw DomainError.unauthenticated('this API token has expired');
      }
      if (!row.role || row.joinedAt === null) {
        throw DomainError.unauthenticated(
          'the member who created this API token is no longer in the organization',
        );
      }
      if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
        await em.query(
          `UPDATE api_tokens SET last_used_at = now()
            WHERE organization_id = $1 AND id = $2
              AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
          [organizationId, tokenId],
        );
      }
      return {
        organizationId,
        userId: row.createdBy,
        role: cappedRole(row.role, row.scope),
        apiTokenId: tokenId,
        apiTokenScope: row.scope,
      };
    });
  }
}

/** READ tokens read (VIEWER); WRITE tokens edit at most as an EDITOR, never administer. */
export function cappedRole(role: Role, scope: ApiTokenScope): Role {
  const cap: Role = scope === 'READ' ? 'VIEWER' : 'EDITOR';
  return ROLE_RANK[role] > ROLE_RANK[cap] ? cap : role;
}
