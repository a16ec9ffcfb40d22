import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArgs } from '@app/common';
import type { Actor, RequestContext } from '@app/common';
import type { ObjectiveLink } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { GoalLoaders } from '../goals/goal.loaders.js';
import { StrategicGoalType } from '../goals/goal.type.js';
import { KeyResultLoaders } from '../key-results/key-result.loaders.js';
import { KeyResultType } from '../key-results/key-result.type.js';
import { ObjectiveLoaders } from '../objectives/objective.loaders.js';
import { ObjectiveType } from '../objectives/objective.type.js';
import { LinkObjectiveInput } from './objective-link.inputs.js';
import { ObjectiveLinkService } from './objective-link.service.js';
import { ObjectiveLinkType } from './objective-link.type.js';

@Resolver(() => ObjectiveLinkType)
export class ObjectiveLinkResolver {
  constructor(
    @Inject(ObjectiveLinkService) private readonly service: ObjectiveLinkService,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
    @Inject(GoalLoaders) private readonly goalLoaders: GoalLoaders,
    @Inject(KeyResultLoaders) private readonly keyResultLoaders: KeyResultLoaders,
  ) {}

  @Access('EDITOR')
  @Mutation(() => ObjectiveLinkType, {
    description:
      'aligns an objective to a goal, a parent objective or a key result of another objective; linking again to the same target updates the weight; a link that would close a cycle is refused',
  })
  linkObjective(@CurrentActor() actor: Actor, @Args('input') input: LinkObjectiveInput) {
    return this.service.link(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => Boolean, { description: 'removes one link (by its id)' })
  unlinkObjective(@CurrentActor() actor: Actor, @Args() { id }: IdArgs) {
    return this.service.unlink(actor, id);
  }

  @ResolveField(() => ObjectiveType, { description: 'the objective that aligns upward' })
  objective(@Parent() link: ObjectiveLink, @Context() ctx: RequestContext) {
    return this.objectiveLoaders.byId(ctx).load(link.objectiveId);
  }

  @ResolveField(() => StrategicGoalType, { nullable: true })
  goal(@Parent() link: ObjectiveLink, @Context() ctx: RequestContext) {
    return link.goalId ? this.goalLoaders.byId(ctx).load(link.goalId) : null;
  }

  @ResolveField(() => ObjectiveType, { nullable: true })
  parentObjective(@Parent() link: ObjectiveLink, @Context() ctx: RequestContext) {
    return link.parentObjectiveId
      ? this.objectiveLoaders.byId(ctx).load(link.parentObjectiveId)
      : null;
  }

  @ResolveField(() => KeyResultType, { nullable: true })
  keyResult(@Parent() link: ObjectiveLink, @Context() ctx: RequestContext) {
    return link.keyResultId ? this.keyResultLoaders.byId(ctx).load(link.keyResultId) : null;
  }
}
