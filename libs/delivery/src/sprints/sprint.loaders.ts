import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  byIdLoader,
  childListLoader,
  childPageKey,
  childPageLoader,
  Tenant,
  type ChildPageArgs,
  type ChildSource,
  type RequestContext,
} from '@app/common';
import { hydrate, Sprint } from '@app/database';

const SPRINTS_OF_TEAMS: ChildSource = {
  table: 'sprints',
  parentColumn: 'team_id',
  order: { column: 'start_date', type: 'date' },
  filter: 't.archived_at IS NULL',
};

/** One sprint of a ticket's history. */
interface HistoryEntry {
  ticketId: string;
  sprint: Sprint;
}

/** Per-request batch loaders for sprints (one statement per tree level, never one per node). */
@Injectable()
export class SprintLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Sprint, 'Sprint');
  }

  /** `Team.sprints`: a team's non-archived sprints by start date. */
  pageOfTeam(ctx: RequestContext, teamId: string, args: ChildPageArgs) {
    return childPageLoader(this.tenant, ctx, 'Sprint.pageOfTeam', Sprint, SPRINTS_OF_TEAMS).load(
      childPageKey(teamId, args),
    );
  }

  /** `Ticket.sprints`: a ticket's sprint history, oldest first (the last one is current). */
  async historyOfTicket(ctx: RequestContext, ticketId: string): Promise<Sprint[]> {
    const entries = await childListLoader(
      this.tenant,
      ctx,
      'Sprint.historyOfTicket',
      sprintHistories,
      (entry) => entry.ticketId,
    ).load(ticketId);
    return entries.map((entry) => entry.sprint);
  }
}

/** The sprint histories of many tickets in one statement (a sprint joins many histories). */
async function sprintHistories(em: EntityManager, ticketIds: string[]): Promise<HistoryEntry[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT ts.ticket_id AS "__ticket_id", s.*
       FROM ticket_sprints ts
       JOIN sprints s ON s.organization_id = ts.organization_id AND s.id = ts.sprint_id
      WHERE ts.ticket_id = ANY($1::uuid[])
      ORDER BY ts.ticket_id, ts.position`,
    [ticketIds],
  );
  const sprints = hydrate(em, Sprint, rows);
  return rows.map((row, i) => ({ ticketId: String(row.__ticket_id), sprint: sprints[i] }));
}
