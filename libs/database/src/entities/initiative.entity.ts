import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { ESTIMATE } from '@app/domain';
import { ArchivableTenantEntity, atMostCheck, NumericColumn, RowVersion } from './columns.js';
import { Cycle } from './cycle.entity.js';
import { Organization } from './organization.entity.js';
import { Team } from './team.entity.js';

export type InitiativeStatus = 'PROPOSED' | 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type Priority = 'MUST' | 'SHOULD' | 'COULD' | 'WONT';

/** A roadmap item (project or epic) that delivers towards key results. */
@Entity('initiatives')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Team, ['organizationId', 'teamId'], ['organizationId', 'id'])
@ForeignKey(() => Cycle, ['organizationId', 'cycleId'], ['organizationId', 'id'])
@Index(['organizationId', 'key'], { unique: true })
@Index(['organizationId', 'externalKey'], { unique: true, where: '"external_key" IS NOT NULL' })
@Index(['organizationId', 'teamId'])
@Index(['organizationId', 'cycleId'])
@Check(`"status" IN ('PROPOSED', 'PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')`)
@Check(`"priority" IN ('MUST', 'SHOULD', 'COULD', 'WONT')`)
@Check(`"estimate" IS NULL OR "estimate" >= 0`)
@Check(atMostCheck('estimate', ESTIMATE.max))
export class Initiative extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  key: string;

  /** the epic key in the ticket source, e.g. PLAT-100 */
  @Column({ type: 'text', nullable: true })
  externalKey: string | null;

  /** the epic's own id in the source (Jira's numeric Issue id), learnt from imported Epic rows */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'text', default: 'PROPOSED' })
  status: InitiativeStatus;

  @Column({ type: 'text', default: 'SHOULD' })
  priority: Priority;

  /** story points, the tickets' unit */
  @NumericColumn({ nullable: true })
  estimate: number | null;

  /** the cycle it is planned for */
  @Column({ type: 'uuid', nullable: true })
  cycleId: string | null;

  @RowVersion()
  version: number;
}
