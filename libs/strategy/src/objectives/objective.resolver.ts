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
import type { Objective } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { CycleLoaders } from '../cycles/cycle.loaders.js';
import { CycleType } from '../cycles/cycle.type.js';
import { KeyResultLoaders } from '../key-results/key-result.loaders.js';
import { KeyResultType } from '../key-results/key-result.type.js';
import { ObjectiveLinkLoaders } from '../objective-links/objective-link.loaders.js';
import { ObjectiveLinkType } from '../objective-links/objective-link.type.js';
import { TeamLoaders } from '../teams/team.loaders.js';
import { TeamType } from '../teams/team.type.js';
import {
  CreateObjectiveInput,
  ObjectiveListArgs,
  UpdateObjectiveInput,
} from './objective.inputs.js';
import { ObjectiveLoaders } from './objective.loaders.js';
import { ObjectiveService } from './objective.service.js';
import { ObjectivePage, ObjectiveType } from './objective.type.js';

@Resolver(() => ObjectiveType)
export class ObjectiveResolver {
  constructor(
    @Inject(ObjectiveService) private readonly service: ObjectiveService,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
    @Inject(CycleLoaders) private readonly cycleLoaders: CycleLoaders,
    @Inject(TeamLoaders) private readonly teamLoaders: TeamLoaders,
    @Inject(KeyResultLoaders) private readonly keyResultLoaders: KeyResultLoaders,
    @Inject(ObjectiveLinkLoaders) private readonly linkLoaders: ObjectiveLinkLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => ObjectiveType, { description: 'by key (or id); NOT_FOUND when absent' })
  objective(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => ObjectivePage, { description: 'ordered by key' })
  objectives(@CurrentActor() actor: Actor, @Args() args: ObjectiveListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => ObjectiveType)
  createObjective(@CurrentActor() actor: Actor, @Args('input') input: CreateObjectiveInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => ObjectiveType)
  updateObjective(@CurrentActor() actor: Actor, @Args('input') input: UpdateObjectiveInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => ObjectiveType, { description: 'sets status ARCHIVED' })
  archiveObjective(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => CycleType)
  cycle(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.cycleLoaders.byId(ctx).load(objective.cycleId);
  }

  @ResolveField(() => TeamType, { nullable: true, description: 'null: a company-level objective' })
  team(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return objective.teamId ? this.teamLoaders.byId(ctx).load(objective.teamId) : null;
  }

  @ResolveField(() => [KeyResultType], { description: 'non-archived, by key' })
  keyResults(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.keyResultLoaders.byObjective(ctx).load(objective.id);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description:
      'weighted mean of the key results’ progress, 0..1; null when it has no key results',
  })
  progress(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.objectiveLoaders.progress(ctx).load(objective.id);
  }

  @ResolveField(() => [ObjectiveLinkType], {
    description: 'upward links: to strategic goals, parent objectives or key results',
  })
  alignsTo(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.linkLoaders.byObjective(ctx).load(objective.id);
  }

  @ResolveField(() => [ObjectiveLinkType], {
    description: 'links of the objectives aligned to this one as their parent',
  })
  childLinks(@Parent() objective: Objective, @Context() ctx: RequestContext) {
    return this.linkLoaders.byParentObjective(ctx).load(objective.id);
  }
}
