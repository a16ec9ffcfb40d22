import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Sprint } from './sprint.entity.js';
import { Ticket } from './ticket.entity.js';

/**
 * A ticket's sprint history; the highest position is its current sprint. No key of its own to
 * organizations: the one to its ticket implies it (docs/decisions.md "Ticket writes at COPY speed").
 */
@Entity('ticket_sprints')
@ForeignKey(() => Ticket, ['organizationId', 'ticketId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => Sprint, ['organizationId', 'sprintId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'sprintId'])
export class TicketSprint {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  ticketId: string;

  @PrimaryColumn('uuid')
  sprintId: string;

  @Column({ type: 'int' })
  position: number;
}
