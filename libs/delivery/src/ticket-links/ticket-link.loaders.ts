import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { TicketLink } from '@app/database';
import { childListLoader } from '../shared/child-page.loader.js';

const LINKS_OF_TICKETS = `
  SELECT l.ticket_id AS parent_id, l.*
  FROM ticket_links l
  WHERE l.organization_id = $2 AND l.ticket_id = ANY($1::uuid[])
  ORDER BY l.ticket_id, l.created_at, l.initiative_id`;

/** Per-request batch loaders for ticket links (one statement per tree level). */
@Injectable()
export class TicketLinkLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /** `Ticket.initiativeLinks`: a ticket's links (a handful at most). */
  ofTicket(ctx: RequestContext, ticketId: string) {
    return childListLoader(
      this.tenant,
      ctx,
      'TicketLink.ofTicket',
      TicketLink,
      LINKS_OF_TICKETS,
    ).load(ticketId);
  }
}
