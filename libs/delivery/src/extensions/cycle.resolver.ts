import { Inject } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ChildPageArgs, type RequestContext } from '@app/common';
import type { Cycle } from '@app/database';
import { CycleType } from '@app/strategy';
import { InitiativeLoaders } from '../initiatives/initiative.loaders.js';
import { InitiativePage } from '../initiatives/initiative.type.js';

/** The delivery fields of a strategy Cycle. */
@Resolver(() => CycleType)
export class CycleDeliveryResolver {
  constructor(@Inject(InitiativeLoaders) private readonly initiativeLoaders: InitiativeLoaders) {}

  @ResolveField(() => InitiativePage, {
    description: 'initiatives planned for this cycle, by key (archived ones left out)',
  })
  initiatives(@Parent() cycle: Cycle, @Args() args: ChildPageArgs, @Context() ctx: RequestContext) {
    return this.initiativeLoaders.pageOfCycle(ctx, cycle.id, args);
  }
}
