import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  Float,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { VersionedIdArgs, IdOrKeyArgs, type Actor, type RequestContext } from '@app/common';
import type { StrategicGoal } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { KpiLoaders } from '../kpis/kpi.loaders.js';
import { KpiType } from '../kpis/kpi.type.js';
import { ObjectiveLinkLoaders } from '../objective-links/objective-link.loaders.js';
import { ObjectiveLinkType } from '../objective-links/objective-link.type.js';
import { Vision } from '../vision/vision.type.js';
import { VisionLoaders } from '../vision/vision.loaders.js';
import {
  CreateStrategicGoalInput,
  StrategicGoalListArgs,
  UpdateStrategicGoalInput,
} from './goal.inputs.js';
import { GoalLoaders } from './goal.loaders.js';
import { GoalService } from './goal.service.js';
import { StrategicGoalPage, StrategicGoalType } from './goal.type.js';

@Resolver(() => StrategicGoalType)
export class GoalResolver {
  constructor(
    @Inject(GoalService) private readonly goals: GoalService,
    @Inject(VisionLoaders) private readonly visions: VisionLoaders,
    @Inject(GoalLoaders) private readonly goalLoaders: GoalLoaders,
    @Inject(KpiLoaders) private readonly kpiLoaders: KpiLoaders,
    @Inject(ObjectiveLinkLoaders) private readonly linkLoaders: ObjectiveLinkLoaders,
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
  archiveStrategicGoal(
    @CurrentActor() actor: Actor,
    @Args() { id, expectedVersion }: VersionedIdArgs,
  ) {
    return this.goals.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => Vision)
  vision(@Parent() goal: StrategicGoal, @Context() ctx: RequestContext) {
    return this.visions.byId(ctx).load(goal.visionId);
  }

  @ResolveField(() => [KpiType], { description: 'non-archived, by key' })
  kpis(@Parent() goal: StrategicGoal, @Context() ctx: RequestContext) {
    return this.kpiLoaders.byGoal(ctx).load(goal.id);
  }

  @ResolveField(() => [ObjectiveLinkType], {
    description: 'links of the objectives aligned directly to this goal',
  })
  objectiveLinks(@Parent() goal: StrategicGoal, @Context() ctx: RequestContext) {
    return this.linkLoaders.byGoal(ctx).load(goal.id);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description:
      'link-weighted mean progress (0..1) of the ACTIVE objectives aligned directly to this goal in the cycle (default: the ACTIVE cycle); objectives without progress are skipped; null when none counts',
  })
  progress(
    @Parent() goal: StrategicGoal,
    @Context() ctx: RequestContext,
    @Args('cycleKey', { type: () => String, nullable: true }) cycleKey?: string | null,
  ) {
    return this.goalLoaders.progress(ctx).load({ goalId: goal.id, cycleKey: cycleKey ?? null });
  }
}
