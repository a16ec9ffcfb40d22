import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '@app/common';
import { SprintType } from '@app/delivery';
import { Access, CurrentActor } from '@app/identity';
import { AlignmentTrendArgs, TrendPointType } from './trend.types.js';
import { HistoryService } from './history.service.js';

@Resolver()
export class HistoryResolver {
  constructor(@Inject(HistoryService) private readonly history: HistoryService) {}

  @Access('EDITOR')
  @Mutation(() => SprintType, {
    description:
      'closes an ACTIVE sprint and stores its alignment report (both measures), immutable',
  })
  closeSprint(@CurrentActor() actor: Actor, @Args('key') key: string) {
    return this.history.closeSprint(actor, key);
  }

  @Access('VIEWER')
  @Query(() => [TrendPointType], {
    description:
      'alignment over the last sprints (one team) or periods of the cadence (several teams), oldest first',
  })
  alignmentTrend(@CurrentActor() actor: Actor, @Args() args: AlignmentTrendArgs) {
    return this.history.trend(actor, args);
  }
}
