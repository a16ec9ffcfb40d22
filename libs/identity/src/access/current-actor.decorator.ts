import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, RequestContext } from '@app/common';
import { DomainError } from '@app/domain';

/** The signed-in member, as checked by the access guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const ctx = GqlExecutionContext.create(context).getContext<RequestContext>();
  if (!ctx.actor) throw DomainError.unauthenticated();
  return ctx.actor;
});
