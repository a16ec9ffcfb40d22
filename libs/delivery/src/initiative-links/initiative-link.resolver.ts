import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IdArgs, type Actor, type RequestContext } from '@app/common';
import type { InitiativeLink } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { KeyResultLoaders, KeyResultType, ObjectiveLoaders, ObjectiveType } from '@app/strategy';
import { InitiativeLoaders } from '../initiatives/initiative.loaders.js';
import { InitiativeType } from '../initiatives/initiative.type.js';
import { LinkInitiativeInput } from './initiative-link.inputs.js';
import { InitiativeLinkService } from './initiative-link.service.js';
import { InitiativeLinkType } from './initiative-link.type.js';

@Resolver(() => InitiativeLinkType)
export class InitiativeLinkResolver {
  constructor(
    @Inject(InitiativeLinkService) private readonly service: InitiativeLinkService,
    @Inject(InitiativeLoaders) private readonly initiativeLoaders: InitiativeLoaders,
    @Inject(KeyResultLoaders) private readonly keyResultLoaders: KeyResultLoaders,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
  ) {}

  @Access('EDITOR')
  @Mutation(() => InitiativeLinkType, {
    description:
      'links an initiative to a key result or an objective (or sets the weight of that link)',
  })
  linkInitiative(@CurrentActor() actor: Actor, @Args('input') input: LinkInitiativeInput) {
    return this.service.link(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => Boolean, { description: 'NOT_FOUND when there is no such link' })
  unlinkInitiative(@CurrentActor() actor: Actor, @Args() { id }: IdArgs) {
    return this.service.unlink(actor, id);
  }

  @ResolveField(() => InitiativeType)
  initiative(@Parent() link: InitiativeLink, @Context() ctx: RequestContext) {
    return this.initiativeLoaders.byId(ctx).load(link.initiativeId);
  }

  @ResolveField(() => KeyResultType, { nullable: true })
  keyResult(@Parent() link: InitiativeLink, @Context() ctx: RequestContext) {
    return link.keyResultId ? this.keyResultLoaders.byId(ctx).load(link.keyResultId) : null;
  }

  @ResolveField(() => ObjectiveType, { nullable: true })
  objective(@Parent() link: InitiativeLink, @Context() ctx: RequestContext) {
    return link.objectiveId ? this.objectiveLoaders.byId(ctx).load(link.objectiveId) : null;
  }
}
