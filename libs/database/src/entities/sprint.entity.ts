import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { ArchivableTenantEntity, RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';
import { Team } from './team.entity.js';

export type SprintState = 'FUTURE' | 'ACTIVE' | 'CLOSED';

@Entity('sprints')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Team, ['organizationId', 'teamId'], ['organizationId', 'id'])
@Index(['organizationId', 'key'], { unique: true })
@Index(['organizationId', 'name'], { unique: true })
@Index(['organizationId', 'teamId', 'startDate'])
@Index(['organizationId', 'state'])
@Check(`"state" IN ('FUTURE', 'ACTIVE', 'CLOSED')`)
@Check(`"end_date" >= "start_date"`)
export class Sprint extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid' })
  teamId: string;

  /** unique in the organization: ticket sources match sprints by name */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'text', default: 'FUTURE' })
  state: SprintState;

  /** the sprint's id in the ticket source: when set, the tracker owns name, dates and state */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** the webhook time of the last sprint event applied: an older one changes nothing */
  @Column({ type: 'timestamptz', nullable: true })
  sourceEventAt: Date | null;

  @RowVersion()
  version: number;
}
