import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, RequestContext, RequestWithActor } from '@app/common';
import { DomainError } from '@app/domain';

/** The signed-in member, as checked by the access guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor =
    context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<RequestContext>().actor
      : context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw DomainError.unauthenticated();
  return actor;
});
