import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { childListLoader, Tenant, type RequestContext } from '@app/common';
import { TicketLink } from '@app/database';

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
      (em, ids) =>
        em.find(TicketLink, {
          where: { ticketId: In(ids) },
          order: { createdAt: 'ASC', initiativeId: 'ASC' },
        }),
      (link) => link.ticketId,
    ).load(ticketId);
  }
}
