import { Inject } from '@nestjs/common';
import { Args, Context, Float, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor, RequestContext } from '@app/common';
import type { Initiative, KeyResult, Objective } from '@app/database';
import { InitiativeType } from '@app/delivery';
import { Access, CurrentActor } from '@app/identity';
import { KeyResultType, ObjectiveType } from '@app/strategy';
import { ProgressLoaders } from './progress.loaders.js';
import { InitiativeDeliveryType, OutcomeVsOutputType } from './progress.type.js';
import { ScoreKeyResultInput } from './score.inputs.js';
import { KeyResultScoreService } from './score.service.js';

/** docs/design.md 2.2 on Initiative: delivery. */
@Resolver(() => InitiativeType)
export class InitiativeProgressResolver {
  constructor(@Inject(ProgressLoaders) private readonly loaders: ProgressLoaders) {}

  @ResolveField(() => InitiativeDeliveryType, {
    description: 'done / total points of its tickets (any sprint), with in-progress points',
  })
  delivery(@Parent() initiative: Initiative, @Context() ctx: RequestContext) {
    return this.loaders.delivery(ctx).load(initiative.id);
  }
}

/** docs/design.md 2.2 on KeyResult: outcome vs output, and the end-of-cycle score. */
@Resolver(() => KeyResultType)
export class KeyResultProgressResolver {
  constructor(
    @Inject(ProgressLoaders) private readonly loaders: ProgressLoaders,
    @Inject(KeyResultScoreService) private readonly scores: KeyResultScoreService,
  ) {}

  @Access('EDITOR')
  @Mutation(() => KeyResultType, {
    description:
      "sets the key result's end-of-cycle score (0..1; default: its current progress) and note",
  })
  scoreKeyResult(@CurrentActor() actor: Actor, @Args('input') input: ScoreKeyResultInput) {
    return this.scores.score(actor, input);
  }

  @ResolveField(() => OutcomeVsOutputType, {
    description: 'its progress (outcome) against the delivery of its initiatives (output)',
  })
  outcomeVsOutput(@Parent() keyResult: KeyResult, @Context() ctx: RequestContext) {
    return this.loaders.outcomeVsOutput(ctx, keyResult);
  }
}

/** docs/design.md 2.2 on Objective: the end-of-cycle score. */
@Resolver(() => ObjectiveType)
export class ObjectiveScoreResolver {
  constructor(@Inject(ProgressLoaders) private readonly loaders: ProgressLoaders) {}

  @ResolveField(() => Float, {
    nullable: true,
    description:
      "weighted mean of its key results' scores (unscored ones skipped); null when none is scored",
  })
  score(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.loaders.objectiveScore(ctx).load(objective.id);
  }
}
