import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import type { Objective } from '@app/database';
import { ObjectiveType } from '@app/strategy';
import { InitiativeLinkLoaders } from '../initiative-links/initiative-link.loaders.js';
import { InitiativeLinkType } from '../initiative-links/initiative-link.type.js';

/** The delivery fields of a strategy Objective. */
@Resolver(() => ObjectiveType)
export class ObjectiveDeliveryResolver {
  constructor(@Inject(InitiativeLinkLoaders) private readonly linkLoaders: InitiativeLinkLoaders) {}

  @ResolveField(() => [InitiativeLinkType], {
    description: 'initiatives supporting the objective directly (not through its key results)',
  })
  initiativeLinks(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.linkLoaders.toObjective(ctx, objective.id);
  }
}
