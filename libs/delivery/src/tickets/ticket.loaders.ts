import { Inject, Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import {
  byIdLoader,
  childListLoader,
  childPageKey,
  childPageLoader,
  Tenant,
  type ChildOrder,
  type ChildPageArgs,
  type ChildSource,
  type RequestContext,
} from '@app/common';
import { Ticket } from '@app/database';

/** A ticket's key is its externalKey. */
const BY_EXTERNAL_KEY: ChildOrder = { column: 'external_key', type: 'text' };

const TICKETS_OF_SPRINTS: ChildSource = {
  table: 'tickets',
  parentColumn: 'current_sprint_id',
  order: BY_EXTERNAL_KEY,
  filter: 't.archived_at IS NULL',
};

const TICKETS_OF_INITIATIVES: ChildSource = {
  table: 'tickets',
  through: { table: 'ticket_links', childColumn: 'ticket_id' },
  parentColumn: 'initiative_id',
  order: BY_EXTERNAL_KEY,
  filter: 't.archived_at IS NULL',
};

/** Per-request batch loaders for tickets (one statement per tree level, never one per node). */
@Injectable()
export class TicketLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Ticket, 'Ticket');
  }

  /** `Sprint.tickets`: the tickets whose current sprint it is, by key. */
  pageOfSprint(ctx: RequestContext, sprintId: string, args: ChildPageArgs) {
    return childPageLoader(
      this.tenant,
      ctx,
      'Ticket.pageOfSprint',
      Ticket,
      TICKETS_OF_SPRINTS,
    ).load(childPageKey(sprintId, args));
  }

  /** `Initiative.tickets`: the tickets linked to an initiative, by key. */
  pageOfInitiative(ctx: RequestContext, initiativeId: string, args: ChildPageArgs) {
    return childPageLoader(
      this.tenant,
      ctx,
      'Ticket.pageOfInitiative',
      Ticket,
      TICKETS_OF_INITIATIVES,
    ).load(childPageKey(initiativeId, args));
  }

  /** `Ticket.subtasks`: a ticket's sub-tasks, by key (a handful per ticket). */
  subtasksOf(ctx: RequestContext, ticketId: string) {
    return childListLoader(
      this.tenant,
      ctx,
      'Ticket.subtasksOf',
      (em, ids) =>
        em.find(Ticket, {
          where: { parentTicketId: In(ids), archivedAt: IsNull() },
          order: { externalKey: 'ASC', id: 'ASC' },
        }),
      (ticket) => ticket.parentTicketId!,
    ).load(ticketId);
  }
}
