import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { IdOrKeyArgs, type Actor, type RequestContext } from '@app/common';
import type { StrategicGoal } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { Vision } from '../vision/vision.type.js';
import { VisionLoaders } from '../vision/vision.loaders.js';
import {
  CreateStrategicGoalInput,
  StrategicGoalListArgs,
  UpdateStrategicGoalInput,
} from './goal.inputs.js';
import { GoalService } from './goal.service.js';
import { StrategicGoalPage, StrategicGoalType } from './goal.type.js';

@Resolver(() => StrategicGoalType)
export class GoalResolver {
  constructor(
    @Inject(GoalService) private readonly goals: GoalService,
    @Inject(VisionLoaders) private readonly visions: VisionLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => StrategicGoalType, { description: 'by key (or id); NOT_FOUND when absent' })
  strategicGoal(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.goals.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => StrategicGoalPage)
  strategicGoals(@CurrentActor() actor: Actor, @Args() args: StrategicGoalListArgs) {
    return this.goals.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => StrategicGoalType)
  createStrategicGoal(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateStrategicGoalInput,
  ) {
    return this.goals.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => StrategicGoalType)
  updateStrategicGoal(
    @CurrentActor() actor: Actor,
    @Args('input') input: UpdateStrategicGoalInput,
  ) {
    return this.goals.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => StrategicGoalType, { description: 'sets status ARCHIVED' })
  archiveStrategicGoal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.goals.archive(actor, id);
  }

  @ResolveField(() => Vision)
  vision(@Parent() goal: StrategicGoal, @Context() ctx: RequestContext) {
    return this.visions.byId(ctx).load(goal.visionId);
  }
}
