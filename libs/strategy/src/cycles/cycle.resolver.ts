import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ChildPageArgs,
  childPageKey,
  VersionedIdArgs,
  IdOrKeyArgs,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Cycle } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { ObjectiveLoaders } from '../objectives/objective.loaders.js';
import { ObjectivePage } from '../objectives/objective.type.js';
import { CreateCycleInput, CycleListArgs, UpdateCycleInput } from './cycle.inputs.js';
import { CycleService } from './cycle.service.js';
import { CyclePage, CycleType } from './cycle.type.js';

@Resolver(() => CycleType)
export class CycleResolver {
  constructor(
    @Inject(CycleService) private readonly service: CycleService,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => CycleType, { description: 'by key (or id); NOT_FOUND when absent' })
  cycle(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => CyclePage, { description: 'ordered by start date' })
  cycles(@CurrentActor() actor: Actor, @Args() args: CycleListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => CycleType)
  createCycle(@CurrentActor() actor: Actor, @Args('input') input: CreateCycleInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => CycleType)
  updateCycle(@CurrentActor() actor: Actor, @Args('input') input: UpdateCycleInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => CycleType, {
    description: 'sets archivedAt; an ACTIVE cycle must be closed first',
  })
  archiveCycle(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => ObjectivePage, {
    description: "the cycle's objectives by key, without ARCHIVED ones",
  })
  objectives(@Parent() cycle: Cycle, @Context() ctx: RequestContext, @Args() args: ChildPageArgs) {
    return this.objectiveLoaders.pageByCycle(ctx).load(childPageKey(cycle.id, args));
  }
}
