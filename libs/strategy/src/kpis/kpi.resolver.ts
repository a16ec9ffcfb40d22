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
import type { Kpi } from '@app/database';
import { kpiHealthy } from '@app/domain';
import { Access, CurrentActor } from '@app/identity';
import { GoalLoaders } from '../goals/goal.loaders.js';
import { StrategicGoalType } from '../goals/goal.type.js';
import { CheckInKpiInput, CreateKpiInput, KpiListArgs, UpdateKpiInput } from './kpi.inputs.js';
import { KpiLoaders } from './kpi.loaders.js';
import { KpiService } from './kpi.service.js';
import { KpiCheckInPage } from './kpi-check-in.type.js';
import { KpiPage, KpiType } from './kpi.type.js';

@Resolver(() => KpiType)
export class KpiResolver {
  constructor(
    @Inject(KpiService) private readonly service: KpiService,
    @Inject(KpiLoaders) private readonly kpiLoaders: KpiLoaders,
    @Inject(GoalLoaders) private readonly goalLoaders: GoalLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => KpiType, { description: 'by key (or id); NOT_FOUND when absent' })
  kpi(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => KpiPage, { description: 'ordered by key' })
  kpis(@CurrentActor() actor: Actor, @Args() args: KpiListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => KpiType)
  createKpi(@CurrentActor() actor: Actor, @Args('input') input: CreateKpiInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => KpiType)
  updateKpi(@CurrentActor() actor: Actor, @Args('input') input: UpdateKpiInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => KpiType, { description: 'sets archivedAt' })
  archiveKpi(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @Access('MEMBER')
  @Mutation(() => KpiType, {
    description: 'records a reading (you are its author) and makes it the current value',
  })
  checkInKpi(@CurrentActor() actor: Actor, @Args('input') input: CheckInKpiInput) {
    return this.service.checkIn(actor, input);
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'current within the healthy range; null without a current value or any bound',
  })
  healthy(@Parent() kpi: Kpi) {
    return kpiHealthy(kpi);
  }

  @ResolveField(() => StrategicGoalType)
  goal(@Parent() kpi: Kpi, @Context() ctx: RequestContext) {
    return this.goalLoaders.byId(ctx).load(kpi.goalId);
  }

  @ResolveField(() => KpiCheckInPage, { description: 'newest first' })
  checkIns(@Parent() kpi: Kpi, @Context() ctx: RequestContext, @Args() args: ChildPageArgs) {
    return this.kpiLoaders.checkIns(ctx).load(childPageKey(kpi.id, args));
  }
}
