import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@app/common';
import type { KeyResult, Objective } from '@app/database';
import { KeyResultLoaders, KeyResultType, ObjectiveLoaders, ObjectiveType } from '@app/strategy';

/** Carry-forward lineage: the objective of an earlier cycle a copy came from. */
@Resolver(() => ObjectiveType)
export class ObjectiveLineageResolver {
  constructor(@Inject(ObjectiveLoaders) private readonly objectives: ObjectiveLoaders) {}

  @ResolveField(() => ObjectiveType, {
    nullable: true,
    description: 'the objective this one was carried forward from',
  })
  origin(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return objective.originObjectiveId
      ? this.objectives.byId(ctx).load(objective.originObjectiveId)
      : null;
  }
}

@Resolver(() => KeyResultType)
export class KeyResultLineageResolver {
  constructor(@Inject(KeyResultLoaders) private readonly keyResults: KeyResultLoaders) {}

  @ResolveField(() => KeyResultType, {
    nullable: true,
    description: 'the key result this one was carried forward from',
  })
  origin(@Parent() keyResult: KeyResult, @Context() ctx: RequestContext) {
    return keyResult.originKeyResultId
      ? this.keyResults.byId(ctx).load(keyResult.originKeyResultId)
      : null;
  }
}
