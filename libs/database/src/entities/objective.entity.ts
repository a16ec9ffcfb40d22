import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { RowVersion, TenantEntity } from './columns.js';
import { Cycle } from './cycle.entity.js';
import { Organization } from './organization.entity.js';
import { Team } from './team.entity.js';

export type ObjectiveStatus = 'ACTIVE' | 'CANCELLED' | 'ARCHIVED';

@Entity('objectives')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Cycle, ['organizationId', 'cycleId'], ['organizationId', 'id'])
@ForeignKey(() => Team, ['organizationId', 'teamId'], ['organizationId', 'id'])
@Index(['organizationId', 'key'], { unique: true })
@Index(['organizationId', 'cycleId'])
@ForeignKey(() => Objective, ['organizationId', 'originObjectiveId'], ['organizationId', 'id'])
@Index(['organizationId', 'teamId'])
@Index(['organizationId', 'originObjectiveId'])
@Check(`"status" IN ('ACTIVE', 'CANCELLED', 'ARCHIVED')`)
export class Objective extends TenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid' })
  cycleId: string;

  /** null: a company-level objective */
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: ObjectiveStatus;

  /** the objective of an earlier cycle this one was carried forward from (planning lineage) */
  @Column({ type: 'uuid', nullable: true })
  originObjectiveId: string | null;

  @RowVersion()
  version: number;
}
