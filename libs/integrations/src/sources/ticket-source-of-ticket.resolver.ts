import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { byIdLoader, Tenant, type RequestContext } from '@app/common';
import { TicketSource, type Ticket } from '@app/database';
import { TicketType } from '@app/delivery';
import { TicketSourceType } from './ticket-source.types.js';

/**
 * `Ticket.ticketSource`: the live source that owns the ticket (tickets are unique per source,
 * docs/design.md 4.4). Declared here, beside the TicketSource type, since delivery cannot know
 * the integrations; one statement per request for all the tickets asked (DataLoader).
 */
@Resolver(() => TicketType)
export class TicketSourceOfTicketResolver {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  @ResolveField(() => TicketSourceType, {
    nullable: true,
    description:
      'the live source that owns it (its key is unique within that source); null for files and the API until a source delivering its key adopts it',
  })
  ticketSource(@Parent() ticket: Ticket, @Context() ctx: RequestContext) {
    return ticket.sourceId
      ? byIdLoader(this.tenant, ctx, TicketSource, 'TicketSource').load(ticket.sourceId)
      : null;
  }
}
