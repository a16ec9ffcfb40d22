import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  byIdLoader,
  IdArgs,
  Paginated,
  Tenant,
  type Actor,
  type RequestContext,
} from '@app/common';
import { User as UserRow, type ApiToken } from '@app/database';
import { Access, SessionOnly } from '../access/access.decorator.js';
import { CurrentActor } from '../access/current-actor.decorator.js';
import { User } from '../identity.types.js';
import { ApiTokenListArgs, CreateApiTokenInput } from './api-token.inputs.js';
import { ApiTokenService } from './api-token.service.js';
import { ApiTokenCreated, ApiTokenType } from './api-token.type.js';

export const ApiTokenPage = Paginated(ApiTokenType, 'ApiTokenPage');

@Resolver(() => ApiTokenType)
export class ApiTokenResolver {
  constructor(
    @Inject(ApiTokenService) private readonly service: ApiTokenService,
    @Inject(Tenant) private readonly tenant: Tenant,
  ) {}

  @Access('VIEWER')
  @SessionOnly()
  @Query(() => ApiTokenPage, {
    description: "your own API tokens; ADMIN and above see all of the organization's",
  })
  apiTokens(@CurrentActor() actor: Actor, @Args() args: ApiTokenListArgs) {
    return this.service.list(actor, args);
  }

  @Access('VIEWER')
  @SessionOnly()
  @Mutation(() => ApiTokenCreated, {
    description: 'a token for an integration, acting as you (capped by its scope)',
  })
  createApiToken(@CurrentActor() actor: Actor, @Args('input') input: CreateApiTokenInput) {
    return this.service.create(actor, input);
  }

  @Access('VIEWER')
  @SessionOnly()
  @Mutation(() => ApiTokenType, { description: 'its creator, or ADMIN and above; at once' })
  revokeApiToken(@CurrentActor() actor: Actor, @Args() { id }: IdArgs) {
    return this.service.revoke(actor, id);
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'the member it acts as; null once they have left the organization',
  })
  createdBy(@Parent() token: ApiToken, @Context() ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, UserRow, 'User').load(token.createdBy);
  }
}
