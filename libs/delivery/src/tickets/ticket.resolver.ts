import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { VersionedIdArgs, type Actor, type RequestContext } from '@app/common';
import type { Ticket } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { TeamLoaders, TeamType } from '@app/strategy';
import { SprintLoaders } from '../sprints/sprint.loaders.js';
import { SprintType } from '../sprints/sprint.type.js';
import { TicketLinkLoaders } from '../ticket-links/ticket-link.loaders.js';
import { TicketLinkType } from '../ticket-links/ticket-link.type.js';
import {
  CreateTicketInput,
  TicketArgs,
  TicketListArgs,
  UpdateTicketInput,
} from './ticket.inputs.js';
import { TicketLoaders } from './ticket.loaders.js';
import { TicketService } from './ticket.service.js';
import { TicketPage, TicketType } from './ticket.type.js';

@Resolver(() => TicketType)
export class TicketResolver {
  constructor(
    @Inject(TicketService) private readonly service: TicketService,
    @Inject(TicketLoaders) private readonly ticketLoaders: TicketLoaders,
    @Inject(SprintLoaders) private readonly sprintLoaders: SprintLoaders,
    @Inject(TeamLoaders) private readonly teamLoaders: TeamLoaders,
    @Inject(TicketLinkLoaders) private readonly linkLoaders: TicketLinkLoaders,
  ) {}

  @Access('VIEWER')
  @Query(() => TicketType, {
    description:
      'by id, or by key (its externalKey, e.g. PAY-123): a key several sources hold needs sourceId (BAD_USER_INPUT lists them)',
  })
  ticket(@CurrentActor() actor: Actor, @Args() args: TicketArgs) {
    return this.service.get(actor, args);
  }

  @Access('VIEWER')
  @Query(() => TicketPage, { description: 'ordered by key' })
  tickets(@CurrentActor() actor: Actor, @Args() args: TicketListArgs) {
    return this.service.list(actor, args);
  }

  @Access('MEMBER')
  @Mutation(() => TicketType, {
    description:
      'workType is derived from labels and type; statusCategory from rawStatus unless given',
  })
  createTicket(@CurrentActor() actor: Actor, @Args('input') input: CreateTicketInput) {
    return this.service.create(actor, input);
  }

  @Access('MEMBER')
  @Mutation(() => TicketType)
  updateTicket(@CurrentActor() actor: Actor, @Args('input') input: UpdateTicketInput) {
    return this.service.update(actor, input);
  }

  @Access('MEMBER')
  @Mutation(() => TicketType, { description: 'sets archivedAt' })
  archiveTicket(@CurrentActor() actor: Actor, @Args() { id, expectedVersion }: VersionedIdArgs) {
    return this.service.archive(actor, id, expectedVersion);
  }

  @ResolveField(() => String, { description: 'its externalKey' })
  key(@Parent() ticket: Ticket) {
    return ticket.externalKey;
  }

  @ResolveField(() => [SprintType], { description: 'sprint history, oldest first' })
  sprints(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    return this.sprintLoaders.historyOfTicket(ctx, ticket.id);
  }

  @ResolveField(() => SprintType, { nullable: true, description: 'the last sprint of the history' })
  currentSprint(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    return ticket.currentSprintId
      ? this.sprintLoaders.byId(ctx).load(ticket.currentSprintId)
      : null;
  }

  @ResolveField(() => TeamType, { nullable: true, description: 'the team of its current sprint' })
  async team(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    if (!ticket.currentSprintId) return null;
    const sprint = await this.sprintLoaders.byId(ctx).load(ticket.currentSprintId);
    return sprint ? this.teamLoaders.byId(ctx).load(sprint.teamId) : null;
  }

  @ResolveField(() => TicketType, { nullable: true, description: 'set for sub-tasks' })
  parent(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    return ticket.parentTicketId ? this.ticketLoaders.byId(ctx).load(ticket.parentTicketId) : null;
  }

  @ResolveField(() => [TicketType], { description: 'sub-tasks (archived ones left out), by key' })
  subtasks(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    return this.ticketLoaders.subtasksOf(ctx, ticket.id);
  }

  @ResolveField(() => [TicketLinkType], { description: 'the initiatives it serves, with weights' })
  initiativeLinks(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    return this.linkLoaders.ofTicket(ctx, ticket.id);
  }
}
