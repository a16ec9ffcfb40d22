import { Inject, Injectable } from '@nestjs/common';
import { childPageKey, Tenant, type ChildPageArgs, type RequestContext } from '@app/common';
import { Sprint } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';
import { childListLoader, childPageLoader } from '../shared/child-page.loader.js';

const SPRINTS_OF_TEAMS = `
  SELECT p.parent_id, c.*
  FROM unnest($1::uuid[]) AS p(parent_id)
  CROSS JOIN LATERAL (
    SELECT s.* FROM sprints s
    WHERE s.organization_id = $5 AND s.team_id = p.parent_id AND s.archived_at IS NULL
      AND ($3::date IS NULL OR (s.start_date, s.id) > ($3::date, $4::uuid))
    ORDER BY s.start_date, s.id
    LIMIT $2
  ) c`;

const SPRINT_HISTORY_OF_TICKETS = `
  SELECT ts.ticket_id AS parent_id, s.*
  FROM ticket_sprints ts
  JOIN sprints s ON s.organization_id = ts.organization_id AND s.id = ts.sprint_id
  WHERE ts.organization_id = $2 AND ts.ticket_id = ANY($1::uuid[])
  ORDER BY ts.ticket_id, ts.position`;

/** Per-request batch loaders for sprints (one statement per tree level, never one per node). */
@Injectable()
export class SprintLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Sprint, 'Sprint');
  }

  /** `Team.sprints`: a team's non-archived sprints by start date. */
  pageOfTeam(ctx: RequestContext, teamId: string, args: ChildPageArgs) {
    return childPageLoader(this.tenant, ctx, 'Sprint.pageOfTeam', Sprint, SPRINTS_OF_TEAMS, (s) =>
      String(s.startDate),
    ).load(childPageKey(teamId, args));
  }

  /** `Ticket.sprints`: a ticket's sprint history, oldest first (the last one is current). */
  historyOfTicket(ctx: RequestContext, ticketId: string) {
    return childListLoader(
      this.tenant,
      ctx,
      'Sprint.historyOfTicket',
      Sprint,
      SPRINT_HISTORY_OF_TICKETS,
    ).load(ticketId);
  }
}
