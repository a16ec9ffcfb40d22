import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ChildPageArgs, childPageKey, type Actor, type RequestContext } from '@app/common';
import type { Vision as VisionEntity } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { GoalLoaders } from '../goals/goal.loaders.js';
import { StrategicGoalPage } from '../goals/goal.type.js';
import { UpdateVisionInput, Vision } from './vision.type.js';
import { VisionService } from './vision.service.js';

@Resolver(() => Vision)
export class VisionResolver {
  constructor(
    @Inject(VisionService) private readonly visions: VisionService,
    @Inject(GoalLoaders) private readonly goalLoaders: GoalLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => Vision)
  vision(@CurrentActor() actor: Actor) {
    return this.visions.get(actor);
  }

  @Access('EDITOR')
  @Mutation(() => Vision)
  updateVision(@CurrentActor() actor: Actor, @Args('input') input: UpdateVisionInput) {
    return this.visions.update(actor, input);
  }

  @ResolveField(() => StrategicGoalPage, { description: 'the ACTIVE strategic goals, by key' })
  goals(
    @Parent() vision: VisionEntity,
    @Context() ctx: RequestContext,
    @Args() args: ChildPageArgs,
  ) {
    return this.goalLoaders.pageByVision(ctx).load(childPageKey(vision.id, args));
  }
}
