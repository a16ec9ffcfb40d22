import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { Horizon } from '@app/domain';
import { NumericColumn, RowVersion, TenantEntity } from './columns.js';
import { Organization } from './organization.entity.js';
import { Vision } from './vision.entity.js';

export type GoalStatus = 'ACTIVE' | 'ARCHIVED';

@Entity('strategic_goals')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Vision, ['organizationId', 'visionId'], ['organizationId', 'id'])
@Index(['organizationId', 'key'], { unique: true })
@Index(['organizationId', 'visionId'])
@Check(`"status" IN ('ACTIVE', 'ARCHIVED')`)
@Check(`"horizon" IN ('CORE', 'ADJACENT', 'TRANSFORMATIONAL')`)
@Check(`"target_share" IS NULL OR ("target_share" >= 0 AND "target_share" <= 1)`)
export class StrategicGoal extends TenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid' })
  visionId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: GoalStatus;

  @Column({ type: 'text', default: 'CORE' })
  horizon: Horizon;

  /** intended share of delivery effort, 0..1 */
  @NumericColumn({ nullable: true })
  targetShare: number | null;

  @RowVersion()
  version: number;
}
