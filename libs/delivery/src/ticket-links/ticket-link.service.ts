import { Inject, Injectable } from '@nestjs/common';
import { findOrNotFound, loadForEdit, removedMeanwhile, Tenant, type Actor } from '@app/common';
import { Initiative, Ticket, TicketLink } from '@app/database';
import { DomainError } from '@app/domain';
import type { LinkTicketInput } from './ticket-link.inputs.js';

@Injectable()
export class TicketLinkService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  /**
   * Links a ticket to an initiative, or sets the weight of the existing link. A link set by hand
   * becomes MANUAL, so a later ticket import (which replaces EPIC links) keeps it.
   */
  link(actor: Actor, input: LinkTicketInput): Promise<TicketLink> {
    return this.tenant.run(actor, async (em) => {
      const ticket = await findOrNotFound(em, Ticket, 'ticket', input.ticketId);
      const initiative = await findOrNotFound(em, Initiative, 'initiative', input.initiativeId);
      if (input.expectedVersion) {
        const name = `the link of ticket ${ticket.externalKey} to initiative ${initiative.key}`;
        const existing = await loadForEdit(
          em,
          TicketLink,
          { ticketId: ticket.id, initiativeId: initiative.id },
          input.expectedVersion,
          () => name,
        );
        if (!existing) throw removedMeanwhile(name, input.expectedVersion);
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(TicketLink)
        .values({
          organizationId: actor.organizationId,
          ticketId: input.ticketId,
          initiativeId: input.initiativeId,
          weight: input.weight,
          source: 'MANUAL',
        })
        .orUpdate(['weight', 'source'], ['organization_id', 'ticket_id', 'initiative_id'])
        .execute();
      return em.findOneOrFail(TicketLink, {
        where: { ticketId: input.ticketId, initiativeId: input.initiativeId },
      });
    });
  }

  unlink(actor: Actor, ticketId: string, initiativeId: string): Promise<boolean> {
    return this.tenant.run(actor, async (em) => {
      const result = await em.delete(TicketLink, {
        organizationId: actor.organizationId,
        ticketId,
        initiativeId,
      });
      if (!result.affected) {
        throw DomainError.notFound('link of ticket', `${ticketId} to initiative ${initiativeId}`);
      }
      return true;
    });
  }
}
