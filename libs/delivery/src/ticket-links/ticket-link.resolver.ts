import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor, RequestContext } from '@app/common';
import type { TicketLink } from '@app/database';
import { Access, CurrentActor } from '@app/identity';
import { InitiativeLoaders } from '../initiatives/initiative.loaders.js';
import { InitiativeType } from '../initiatives/initiative.type.js';
import { TicketLoaders } from '../tickets/ticket.loaders.js';
import { TicketType } from '../tickets/ticket.type.js';
import { LinkTicketInput, UnlinkTicketArgs } from './ticket-link.inputs.js';
import { TicketLinkService } from './ticket-link.service.js';
import { TicketLinkType } from './ticket-link.type.js';

@Resolver(() => TicketLinkType)
export class TicketLinkResolver {
  constructor(
    @Inject(TicketLinkService) private readonly service: TicketLinkService,
    @Inject(TicketLoaders) private readonly ticketLoaders: TicketLoaders,
    @Inject(InitiativeLoaders) private readonly initiativeLoaders: InitiativeLoaders,
  ) {}

  @Access('EDITOR')
  @Mutation(() => TicketLinkType, {
    description: 'links a ticket to an initiative (or sets the weight of that link); source MANUAL',
  })
  linkTicket(@CurrentActor() actor: Actor, @Args('input') input: LinkTicketInput) {
    return this.service.link(actor, input);
  }

  @Access('EDITOR')
  @Mutation(() => Boolean, { description: 'NOT_FOUND when there is no such link' })
  unlinkTicket(@CurrentActor() actor: Actor, @Args() args: UnlinkTicketArgs) {
    return this.service.unlink(actor, args.ticketId, args.initiativeId);
  }

  @ResolveField(() => TicketType)
  ticket(@Parent() link: TicketLink, @Context() ctx: RequestContext) {
    return this.ticketLoaders.byId(ctx).load(link.ticketId);
  }

  @ResolveField(() => InitiativeType)
  initiative(@Parent() link: TicketLink, @Context() ctx: RequestContext) {
    return this.initiativeLoaders.byId(ctx).load(link.initiativeId);
  }
}
