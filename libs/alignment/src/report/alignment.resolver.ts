import { Inject } from '@nestjs/common';
import { Args, Context, Query, ResolveField, Parent, Resolver } from '@nestjs/graphql';
import type { Actor, RequestContext } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { GoalLoaders, StrategicGoalType } from '@app/strategy';
import { AlignmentReportType, GoalAlignmentType } from './alignment-report.type.js';
import { AlignmentService } from './alignment.service.js';
import { AlignmentScopeInput } from './scope.js';

@Resolver(() => AlignmentReportType)
export class AlignmentResolver {
  constructor(@Inject(AlignmentService) private readonly service: AlignmentService) {}

  @Access('VIEWER')
  @Query(() => AlignmentReportType, {
    description: 'docs/design.md 2.1; default scope: tickets of the ACTIVE sprints',
  })
  alignment(
    @CurrentActor() actor: Actor,
    @Args('scope', { type: () => AlignmentScopeInput, nullable: true }) scope?: AlignmentScopeInput,
  ) {
    return this.service.report(actor, scope);
  }
}

@Resolver(() => GoalAlignmentType)
export class GoalAlignmentResolver {
  constructor(@Inject(GoalLoaders) private readonly goals: GoalLoaders) {}

  @ResolveField(() => StrategicGoalType)
  goal(@Parent() row: GoalAlignmentType, @Context() ctx: RequestContext) {
    return this.goals.byId(ctx).load(row.goalId);
  }
}
