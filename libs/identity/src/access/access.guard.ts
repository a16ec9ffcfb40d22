import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import {
  hasRole,
  writeOf,
  type Actor,
  type RequestContext,
  type RequestWithActor,
} from '@app/common';
import { DomainError } from '@app/domain';
import { ACCESS_KEY, SESSION_ONLY_KEY, type AccessRule } from './access.decorator.js';
import { Authenticator, type ActorHolder } from './authenticator.js';

/**
 * Global guard: denies by default. An operation runs only when it declares an access rule and the
 * caller meets it. The caller's role is read from the database (or a check of it a moment old,
 * which every change of access clears), so a changed role or a removed member takes effect at once. API tokens are held to their scope: a READ token only
 * queries, and no token manages sessions or tokens.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_KEY, context.getHandler());
    if (!rule) throw DomainError.forbidden('this operation declares no access rule');
    if (rule === 'PUBLIC') return true;
    const graphql = context.getType<string>() === 'graphql';
    // GraphQL keeps the actor on its context, plain HTTP routes (uploads) on the request.
    const holder: ActorHolder = graphql
      ? GqlExecutionContext.create(context).getContext<RequestContext>()
      : context.switchToHttp().getRequest<RequestWithActor>();
    const actor = await this.authenticator.actorOf(holder);
    if (actor.apiTokenId) this.assertTokenMay(context, actor);
    if (!hasRole(actor, rule)) {
      const how = actor.apiTokenId ? `this ${actor.apiTokenScope} API token acts as` : 'you are';
      throw DomainError.forbidden(
        `this operation needs the ${rule} role or above; ${how} ${actor.role}`,
      );
    }
    return true;
  }

  private assertTokenMay(context: ExecutionContext, actor: Actor): void {
    if (this.reflector.get<boolean | undefined>(SESSION_ONLY_KEY, context.getHandler())) {
      throw DomainError.forbidden(
        'API tokens cannot sign out, or create, list or revoke tokens: sign in as a person',
      );
    }
    if (writeOf(context) && actor.apiTokenScope !== 'WRITE') {
      throw DomainError.forbidden(
        'a READ API token may only query: use a WRITE token to change data',
      );
    }
  }
}
