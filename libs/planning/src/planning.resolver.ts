import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor, RequestContext } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { InitiativeLoaders, InitiativeType } from '@app/delivery';
import { GoalLoaders, ObjectiveType, StrategicGoalType } from '@app/strategy';
import { CarryForwardInput, CycleKeyArgs, PlanVsActualArgs } from './planning.inputs.js';
import { CarryForwardService } from './carry-forward.service.js';
import { CycleLockService } from './cycle-lock.service.js';
import { ProjectionService } from './projection.service.js';
import {
  AtRiskDependencyType,
  CycleBaselineType,
  CycleRetroType,
  GoalPlanVsActualType,
  GoalRetroType,
  PlanningSessionType,
  PlanVsActualType,
  ProjectedAlignmentType,
  ProjectedGoalAlignmentType,
  TeamCapacityType,
} from './planning.types.js';

@Resolver()
export class PlanningResolver {
  constructor(
    @Inject(ProjectionService) private readonly projection: ProjectionService,
    @Inject(CarryForwardService) private readonly carrying: CarryForwardService,
    @Inject(CycleLockService) private readonly cycles: CycleLockService,
  ) {}

  @Access('VIEWER')
  @Query(() => ProjectedAlignmentType, {
    description: 'docs/design.md 3: the alignment flow over the initiatives planned for the cycle',
  })
  projectedAlignment(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.projection.projectedAlignment(actor, cycleKey);
  }

  @Access('VIEWER')
  @Query(() => [TeamCapacityType], {
    description: 'capacity vs demand per team for the cycle, with the MoSCoW cut line',
  })
  capacity(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.projection.capacity(actor, cycleKey);
  }

  @Access('VIEWER')
  @Query(() => PlanningSessionType, {
    description: 'the planning view in one request: cycle, projected alignment, capacity',
  })
  planningSession(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.projection.session(actor, cycleKey);
  }

  @Access('VIEWER')
  @Query(() => PlanVsActualType, {
    description: "per goal the baseline's projected share vs the actual share, and scope changes",
  })
  planVsActual(@CurrentActor() actor: Actor, @Args() args: PlanVsActualArgs) {
    return this.projection.planVsActual(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => [ObjectiveType], {
    description:
      'copies objectives (default: the unfinished ones) with their key results and upward links into a DRAFT cycle as `<key>@<cycle key>`, and moves the initiative links of the carried key results to the copies',
  })
  carryForward(@CurrentActor() actor: Actor, @Args('input') input: CarryForwardInput) {
    return this.carrying.carryForward(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => CycleBaselineType, {
    description: 'DRAFT -> ACTIVE; stores the immutable baseline; later changes are scope changes',
  })
  lockCycle(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.cycles.lockCycle(actor, cycleKey);
  }

  @Access('EDITOR')
  @Mutation(() => CycleRetroType, {
    description: 'ACTIVE -> CLOSED; scores unscored key results; returns the retro per goal',
  })
  closeCycle(@CurrentActor() actor: Actor, @Args() { cycleKey }: CycleKeyArgs) {
    return this.cycles.closeCycle(actor, cycleKey);
  }
}

/** The goal of a plan-vs-actual or retro row: one batched load per request. */
@Resolver(() => GoalPlanVsActualType)
export class GoalPlanVsActualResolver {
  constructor(@Inject(GoalLoaders) private readonly goals: GoalLoaders) {}

  @ResolveField(() => StrategicGoalType)
  goal(@Parent() row: GoalPlanVsActualType, @Context() ctx: RequestContext) {
    return this.goals.byId(ctx).load(row.goalId);
  }
}

@Resolver(() => GoalRetroType)
export class GoalRetroResolver {
  constructor(@Inject(GoalLoaders) private readonly goals: GoalLoaders) {}

  @ResolveField(() => StrategicGoalType)
  goal(@Parent() row: GoalRetroType, @Context() ctx: RequestContext) {
    return this.goals.byId(ctx).load(row.goalId);
  }
}

/** The goal of a projected row (the projection's own goal type, with its dependency risk). */
@Resolver(() => ProjectedGoalAlignmentType)
export class ProjectedGoalResolver {
  constructor(@Inject(GoalLoaders) private readonly goals: GoalLoaders) {}

  @ResolveField(() => StrategicGoalType)
  goal(@Parent() row: ProjectedGoalAlignmentType, @Context() ctx: RequestContext) {
    return this.goals.byId(ctx).load(row.goalId);
  }
}

/** Both ends of an at-risk dependency: one batched load per request. */
@Resolver(() => AtRiskDependencyType)
export class AtRiskDependencyResolver {
  constructor(@Inject(InitiativeLoaders) private readonly initiatives: InitiativeLoaders) {}

  @ResolveField(() => InitiativeType, { description: 'the initiative that waits' })
  initiative(@Parent() row: AtRiskDependencyType, @Context() ctx: RequestContext) {
    return this.initiatives.byId(ctx).load(row.initiativeId);
  }

  @ResolveField(() => InitiativeType, {
    description: 'the blocker at risk (its team: blockedBy.team)',
  })
  blockedBy(@Parent() row: AtRiskDependencyType, @Context() ctx: RequestContext) {
    return this.initiatives.byId(ctx).load(row.blockedById);
  }
}
