import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArgs, type Actor, type RequestContext } from '@app/common';
import type { Initiative, InitiativeDependency } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { InitiativeLoaders } from '../initiatives/initiative.loaders.js';
import { InitiativeType } from '../initiatives/initiative.type.js';
import { AddInitiativeDependencyInput } from './initiative-dependency.inputs.js';
import { InitiativeDependencyLoaders } from './initiative-dependency.loaders.js';
import { InitiativeDependencyService } from './initiative-dependency.service.js';
import { InitiativeDependencyType } from './initiative-dependency.type.js';

@Resolver(() => InitiativeDependencyType)
export class InitiativeDependencyResolver {
  constructor(
    @Inject(InitiativeDependencyService) private readonly service: InitiativeDependencyService,
    @Inject(InitiativeLoaders) private readonly initiatives: InitiativeLoaders,
  ) {}

  @Access('EDITOR')
  @Mutation(() => InitiativeDependencyType, {
    description:
      'records that an initiative is blocked by another (or replaces its note); refuses itself and cycles, naming the path',
  })
  addInitiativeDependency(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddInitiativeDependencyInput,
  ) {
    return this.service.add(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => Boolean, { description: 'NOT_FOUND when there is no such dependency' })
  removeInitiativeDependency(@CurrentActor() actor: Actor, @Args() { id }: IdArgs) {
    return this.service.remove(actor, id);
  }

  @ResolveField(() => InitiativeType, { description: 'the initiative that waits' })
  initiative(@Parent() dependency: InitiativeDependency, @Context() ctx: RequestContext) {
    return this.initiatives.byId(ctx).load(dependency.initiativeId);
  }

  @ResolveField(() => InitiativeType, {
    description: 'the initiative it waits on (its team: blockedBy.team)',
  })
  blockedBy(@Parent() dependency: InitiativeDependency, @Context() ctx: RequestContext) {
    return this.initiatives.byId(ctx).load(dependency.blockedById);
  }
}

/** Initiative.blockedBy and Initiative.blocks, batched per request. */
@Resolver(() => InitiativeType)
export class InitiativeDependencyFieldsResolver {
  constructor(
    @Inject(InitiativeDependencyLoaders) private readonly loaders: InitiativeDependencyLoaders,
  ) {}

  @ResolveField(() => [InitiativeDependencyType], {
    description: 'the dependencies it waits on, oldest first',
  })
  blockedBy(@Parent() initiative: Initiative, @Context() ctx: RequestContext) {
    return this.loaders.blockersOf(ctx, initiative.id);
  }

  @ResolveField(() => [InitiativeDependencyType], {
    description: 'the dependencies that wait on it, oldest first',
  })
  blocks(@Parent() initiative: Initiative, @Context() ctx: RequestContext) {
    return this.loaders.blockedBy(ctx, initiative.id);
  }
}
