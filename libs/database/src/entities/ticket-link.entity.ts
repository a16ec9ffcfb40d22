import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { WEIGHT } from '@app/domain';
import { atMostCheck, NumericColumn, RowVersion } from './columns.js';
import { Initiative } from './initiative.entity.js';
import { Ticket } from './ticket.entity.js';

/**
 * Ticket -> initiative, weighted. `source` EPIC marks the link a ticket import derived from the
 * epic (replaced on re-import); MANUAL links are kept. No key of its own to organizations: the one
 * to its ticket implies it (docs/decisions.md "Ticket writes at COPY speed").
 */
@Entity('ticket_links')
@ForeignKey(() => Ticket, ['organizationId', 'ticketId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => Initiative, ['organizationId', 'initiativeId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'initiativeId'])
@Check(`"weight" > 0`)
@Check(atMostCheck('weight', WEIGHT.max))
@Check(`"source" IN ('MANUAL', 'EPIC')`)
export class TicketLink {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  ticketId: string;

  @PrimaryColumn('uuid')
  initiativeId: string;

  @NumericColumn({ default: 1 })
  weight: number;

  @Column({ type: 'text', default: 'MANUAL' })
  source: 'MANUAL' | 'EPIC';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @RowVersion()
  version: number;
}
