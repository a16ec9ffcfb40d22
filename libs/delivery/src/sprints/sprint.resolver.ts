import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  ChildPageArgs,
  VersionedIdArgs,
  IdOrKeyArgs,
  type Actor,
  type RequestContext,
} from '@app/common';
import type { Sprint } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { TeamLoaders, TeamType } from '@app/strategy';
import { TicketLoaders } from '../tickets/ticket.loaders.js';
import { TicketPage } from '../tickets/ticket.type.js';
import {
  CreateSprintInput,
  SprintListArgs,
  StartSprintArgs,
  UpdateSprintInput,
} from './sprint.inputs.js';
import { SprintService } from './sprint.service.js';
import { SprintPage, SprintType } from './sprint.type.js';

@Resolver(() => SprintType)
export class SprintResolver {
  constructor(
    @Inject(SprintService) private readonly service: SprintService,
    @Inject(TeamLoaders) private readonly teamLoaders: TeamLoaders,
    @Inject(TicketLoaders) private readonly ticketLoaders: TicketLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => SprintType, { description: 'by key (or id); NOT_FOUND when absent' })
  sprint(@CurrentActor() actor: Actor, @Args() args: IdOrKeyArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => SprintPage, { description: 'ordered by start date' })
  sprints(@CurrentActor() actor: Actor, @Args() args: SprintListArgs) {
    return this.service.list(actor, args);
  }

  @Access('EDITOR')
  @Mutation(() => SprintType)
  createSprint(@CurrentActor() actor: Actor, @Args('input') input: CreateSprintInput) {
    return this.service.create(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => SprintType)
  updateSprint(@CurrentActor() actor: Actor, @Args('input') input: UpdateSprintInput) {
    return this.service.update(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => SprintType, {
    description: 'FUTURE -> ACTIVE: its tickets become current work (closeSprint ends it)',
  })
  startSprint(@CurrentActor() actor: Actor, @Args() { key, expectedVersion }: StartSprintArgs) {
    return this.service.start(actor, key, expectedVersion);
  }

  @Access('EDITOR')
  @Mutation(() => SprintType, { description: 'sets archivedAt' })
  archiveSprint(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => TeamType)
  team(@Parent() sprint: Sprint, @Context() ctx: RequestContext) {
    return this.teamLoaders.byId(ctx).load(sprint.teamId);
  }

  @ResolveField(() => TicketPage, {
    description: 'tickets whose current sprint this is, by key (archived ones left out)',
  })
  tickets(@Parent() sprint: Sprint, @Args() args: ChildPageArgs, @Context() ctx: RequestContext) {
    return this.ticketLoaders.pageOfSprint(ctx, sprint.id, args);
  }
}
