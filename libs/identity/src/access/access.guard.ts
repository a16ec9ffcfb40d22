import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { hasRole, type Actor, type RequestContext, type RequestWithActor } from '@app/common';
import { Database, Membership } from '@app/database';
import { DomainError } from '@app/domain';
import { TokenService } from '../auth/token.service.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';

/** Where a request keeps its actor: the GraphQL context, or a plain HTTP route's request. */
interface ActorHolder {
  req?: { headers: { authorization?: string } };
  headers?: { authorization?: string };
  actor?: Actor | null;
}

/**
 * Global guard: denies by default. An operation runs only when it declares an access rule and the
 * caller meets it. The caller's role is read from the database on each request, so a changed role
 * or a removed member takes effect at once.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  /**
   * The authentication under way for a request (its GraphQL context or its HTTP request), so that
   * the fields of one request, which all start at once, check the token and read the membership
   * once between them, not once each.
   */
  private readonly pending = new WeakMap<object, Promise<Actor>>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(Database) private readonly db: Database,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_KEY, context.getHandler());
    if (!rule) throw DomainError.forbidden('this operation declares no access rule');
    if (rule === 'PUBLIC') return true;
    // GraphQL keeps the actor on its context, plain HTTP routes (uploads) on the request.
    const holder: ActorHolder =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<RequestContext>()
        : context.switchToHttp().getRequest<RequestWithActor>();
    const actor = holder.actor ?? (await this.actorOf(holder));
    if (!hasRole(actor, rule)) {
      throw DomainError.forbidden(
        `this operation needs the ${rule} role or above; you are ${actor.role}`,
      );
    }
    return true;
  }

  private actorOf(holder: ActorHolder): Promise<Actor> {
    let pending = this.pending.get(holder);
    if (!pending) {
      const headers = holder.req?.headers ?? holder.headers;
      pending = this.authenticate(headers?.authorization).then((actor) => (holder.actor = actor));
      this.pending.set(holder, pending);
    }
    return pending;
  }

  private async authenticate(authorization: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw DomainError.unauthenticated();
    const claims = await this.tokens.verify(match[1]);
    const membership = await this.db.transaction(claims, (em) =>
      em.findOne(Membership, {
        where: { organizationId: claims.organizationId, userId: claims.userId },
      }),
    );
    if (!membership || membership.joinedAt === null) {
      throw DomainError.unauthenticated('you are no longer a member of this organization');
    }
    return { ...claims, role: membership.role };
  }
}
