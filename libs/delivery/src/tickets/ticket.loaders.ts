import { Inject, Injectable } from '@nestjs/common';
import { childPageKey, Tenant, type ChildPageArgs, type RequestContext } from '@app/common';
import { Ticket } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';
import { childListLoader, childPageLoader } from '../shared/child-page.loader.js';

const TICKETS_OF_SPRINTS = `
  SELECT p.parent_id, c.*
  FROM unnest($1::uuid[]) AS p(parent_id)
  CROSS JOIN LATERAL (
    SELECT t.* FROM tickets t
    WHERE t.organization_id = $5 AND t.current_sprint_id = p.parent_id AND t.archived_at IS NULL
      AND ($3::text IS NULL OR (t.external_key, t.id) > ($3::text, $4::uuid))
    ORDER BY t.external_key, t.id
    LIMIT $2
  ) c`;

const TICKETS_OF_INITIATIVES = `
  SELECT p.parent_id, c.*
  FROM unnest($1::uuid[]) AS p(parent_id)
  CROSS JOIN LATERAL (
    SELECT t.* FROM ticket_links l
    JOIN tickets t ON t.organization_id = l.organization_id AND t.id = l.ticket_id
    WHERE l.organization_id = $5 AND l.initiative_id = p.parent_id AND t.archived_at IS NULL
      AND ($3::text IS NULL OR (t.external_key, t.id) > ($3::text, $4::uuid))
    ORDER BY t.external_key, t.id
    LIMIT $2
  ) c`;

const SUBTASKS_OF_TICKETS = `
  SELECT t.parent_ticket_id AS parent_id, t.*
  FROM tickets t
  WHERE t.organization_id = $2 AND t.parent_ticket_id = ANY($1::uuid[]) AND t.archived_at IS NULL
  ORDER BY t.external_key, t.id`;

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
      (t) => t.externalKey,
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
      (t) => t.externalKey,
    ).load(childPageKey(initiativeId, args));
  }

  /** `Ticket.subtasks`: a ticket's sub-tasks, by key (a handful per ticket). */
  subtasksOf(ctx: RequestContext, ticketId: string) {
    return childListLoader(this.tenant, ctx, 'Ticket.subtasksOf', Ticket, SUBTASKS_OF_TICKETS).load(
      ticketId,
    );
  }
}
