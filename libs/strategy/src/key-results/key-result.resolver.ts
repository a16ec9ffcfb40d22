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
import {
  ChildPageArgs,
  childPageKey,
  VersionedIdArgs,
  IdOrKeyArgs,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { KeyResult } from '@app/database';
import { keyResultProgress } from '@app/domain';
import { Access, CurrentActor } from '@app/identity';
import { ObjectiveLinkLoaders } from '../objective-links/objective-link.loaders.js';
import { ObjectiveLinkType } from '../objective-links/objective-link.type.js';
import { ObjectiveLoaders } from '../objectives/objective.loaders.js';
import { ObjectiveType } from '../objectives/objective.type.js';
import { CheckInPage } from './check-in.type.js';
import {
  CheckInInput,
  CreateKeyResultInput,
  KeyResultListArgs,
  UpdateKeyResultInput,
} from './key-result.inputs.js';
import { KeyResultLoaders } from './key-result.loaders.js';
import { KeyResultService } from './key-result.service.js';
import { KeyResultPage, KeyResultType } from './key-result.type.js';

@Resolver(() => KeyResultType)
export class KeyResultResolver {
  constructor(
    @Inject(KeyResultService) private readonly service: KeyResultService,
    @Inject(KeyResultLoaders) private readonly keyResultLoaders: KeyResultLoaders,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
    @Inject(ObjectiveLinkLoaders) private readonly linkLoaders: ObjectiveLinkLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => KeyResultType, { description: 'by key (or id); NOT_FOUND when absent' })
  keyResult(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => KeyResultPage, { description: 'ordered by key' })
  keyResults(@CurrentActor() actor: Actor, @Args() args: KeyResultListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => KeyResultType)
  createKeyResult(@CurrentActor() actor: Actor, @Args('input') input: CreateKeyResultInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => KeyResultType, { description: 'the owning objective never changes' })
  updateKeyResult(@CurrentActor() actor: Actor, @Args('input') input: UpdateKeyResultInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => KeyResultType, { description: 'sets archivedAt' })
  archiveKeyResult(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @Access('MEMBER')
  @Mutation(() => KeyResultType, {
    description: 'records a check-in (you are its author) and makes it the current value',
  })
  checkIn(@CurrentActor() actor: Actor, @Args('input') input: CheckInInput) {
    return this.service.checkIn(actor, input);
  }

  @ResolveField(() => Float, {
    description:
      'clamp((current - start) / (target - start), 0, 1); moving the wrong way is 0; BOOLEAN is 0 or 1',
  })
  progress(@Parent() kr: KeyResult) {
    return keyResultProgress(kr);
  }

  @ResolveField(() => ObjectiveType, { description: 'the owning objective' })
  objective(@Parent() kr: KeyResult, @Context() ctx: RequestContext) {
    return this.objectiveLoaders.byId(ctx).load(kr.objectiveId);
  }

  @ResolveField(() => CheckInPage, { description: 'newest first' })
  checkIns(@Parent() kr: KeyResult, @Context() ctx: RequestContext, @Args() args: ChildPageArgs) {
    return this.keyResultLoaders.checkIns(ctx).load(childPageKey(kr.id, args));
  }

  @ResolveField(() => [ObjectiveLinkType], {
    description: 'links of the objectives aligned to this key result (cascade)',
  })
  cascadedLinks(@Parent() kr: KeyResult, @Context() ctx: RequestContext) {
    return this.linkLoaders.byKeyResult(ctx).load(kr.id);
  }
}
