import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ChildPageArgs,
  VersionedIdArgs,
  IdOrKeyArgs,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Initiative } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { CycleLoaders, CycleType, TeamLoaders, TeamType } from '@app/strategy';
import { InitiativeLinkLoaders } from '../initiative-links/initiative-link.loaders.js';
import { InitiativeLinkType } from '../initiative-links/initiative-link.type.js';
import { TicketLoaders } from '../tickets/ticket.loaders.js';
import { TicketPage } from '../tickets/ticket.type.js';
import {
  CreateInitiativeInput,
  InitiativeListArgs,
  UpdateInitiativeInput,
} from './initiative.inputs.js';
import { InitiativeService } from './initiative.service.js';
import { InitiativePage, InitiativeType } from './initiative.type.js';

@Resolver(() => InitiativeType)
export class InitiativeResolver {
  constructor(
    @Inject(InitiativeService) private readonly service: InitiativeService,
    @Inject(TeamLoaders) private readonly teamLoaders: TeamLoaders,
    @Inject(CycleLoaders) private readonly cycleLoaders: CycleLoaders,
    @Inject(InitiativeLinkLoaders) private readonly linkLoaders: InitiativeLinkLoaders,
    @Inject(TicketLoaders) private readonly ticketLoaders: TicketLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => InitiativeType, { description: 'by key (or id); NOT_FOUND when absent' })
  initiative(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => InitiativePage, { description: 'ordered by key' })
  initiatives(@CurrentActor() actor: Actor, @Args() args: InitiativeListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => InitiativeType)
  createInitiative(@CurrentActor() actor: Actor, @Args('input') input: CreateInitiativeInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => InitiativeType)
  updateInitiative(@CurrentActor() actor: Actor, @Args('input') input: UpdateInitiativeInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => InitiativeType, { description: 'sets archivedAt' })
  archiveInitiative(
    @CurrentActor() actor: Actor,
    @Args() { id, expectedVersion }: VersionedIdArgs,
  ) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => TeamType, { nullable: true })
  team(@Parent() initiative: Initiative, @Context() ctx: RequestContext) {
    return initiative.teamId ? this.teamLoaders.byId(ctx).load(initiative.teamId) : null;
  }

  @ResolveField(() => CycleType, { nullable: true, description: 'the cycle it is planned for' })
  cycle(@Parent() initiative: Initiative, @Context() ctx: RequestContext) {
    return initiative.cycleId ? this.cycleLoaders.byId(ctx).load(initiative.cycleId) : null;
  }

  @ResolveField(() => [InitiativeLinkType], {
    description: 'what it delivers towards (key results, or objectives directly), with weights',
  })
  supports(@Parent() initiative: Initiative, @Context() ctx: RequestContext) {
    return this.linkLoaders.ofInitiative(ctx, initiative.id);
  }

  @ResolveField(() => TicketPage, {
    description: 'tickets linked to it, by key; their weights are on Ticket.initiativeLinks',
  })
  tickets(
    @Parent() initiative: Initiative,
    @Args() args: ChildPageArgs,
    @Context() ctx: RequestContext,
  ) {
    return this.ticketLoaders.pageOfInitiative(ctx, initiative.id, args);
  }
}
