import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { clientAddress, type Actor, type RequestContext } from '@app/common';
import { Access, SessionOnly } from '../access/access.decorator.js';
import { CurrentActor } from '../access/current-actor.decorator.js';
import { AcceptInviteInput, AuthPayload, LogInInput, SignUpInput } from './auth.inputs.js';
import { AuthService, type AuthResult } from './auth.service.js';

@Resolver()
export class AuthResolver {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Access('PUBLIC')
  @Mutation(() => AuthPayload, {
    description: 'creates the organization; the caller becomes its OWNER',
  })
  async signUp(
    @Args('input') input: SignUpInput,
    @Context() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return signedIn(ctx, await this.auth.signUp(input, callerOf(ctx)));
  }

  @Access('PUBLIC')
  @Mutation(() => AuthPayload, {
    description: 'organizationSlug is optional when the user has one organization',
  })
  async logIn(
    @Args('input') input: LogInInput,
    @Context() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return signedIn(ctx, await this.auth.logIn(input, callerOf(ctx)));
  }

  @Access('PUBLIC')
  @Mutation(() => AuthPayload, {
    description: 'sets the password with the one-time invite token and joins',
  })
  async acceptInvite(
    @Args('input') input: AcceptInviteInput,
    @Context() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return signedIn(ctx, await this.auth.acceptInvite(input, callerOf(ctx)));
  }

  @Access('VIEWER')
  @SessionOnly()
  @Mutation(() => Boolean, {
    description:
      "ends every session token of the caller's user, in every organization, this one included (API tokens stay: revoke them one by one)",
  })
  signOutEverywhere(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.auth.signOutEverywhere(actor);
  }
}

function callerOf(ctx: RequestContext) {
  return { address: clientAddress(ctx.req) };
}

/** The rest of the response (e.g. `organization { members }`) resolves as the new member. */
function signedIn(ctx: RequestContext, result: AuthResult): AuthPayload {
  ctx.actor = result.actor;
  return result as unknown as AuthPayload;
}
