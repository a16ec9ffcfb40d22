import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { ArchivableTenantEntity, RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';

export type CycleState = 'DRAFT' | 'ACTIVE' | 'CLOSED';

/** A planning period. At most one cycle per organization is ACTIVE (partial unique index). */
@Entity('cycles')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@Index(['organizationId', 'key'], { unique: true })
@Index('UQ_cycles_one_active', ['organizationId'], { unique: true, where: `"state" = 'ACTIVE'` })
@Check(`"state" IN ('DRAFT', 'ACTIVE', 'CLOSED')`)
@Check(`"end_date" >= "start_date"`)
export class Cycle extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  /** YYYY-MM-DD */
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'text', default: 'DRAFT' })
  state: CycleState;

  /**
   * Bumped by the database on every change to the plan of a DRAFT or ACTIVE cycle (its objectives,
   * key results, their links, its initiatives): live views learn from it that the plan changed.
   * Never written by the app (not selected, so saves leave it alone).
   */
  @Column({ type: 'bigint', default: 0, select: false })
  planRevision: string;

  @RowVersion()
  version: number;
}
