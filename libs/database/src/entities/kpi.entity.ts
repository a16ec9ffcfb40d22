import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { ArchivableTenantEntity, measureCheck, NumericColumn, RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';
import { StrategicGoal } from './strategic-goal.entity.js';

/** An ongoing health metric of a goal, not bound to a cycle. */
@Entity('kpis')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => StrategicGoal, ['organizationId', 'goalId'], ['organizationId', 'id'])
@Index(['organizationId', 'key'], { unique: true })
@Index(['organizationId', 'goalId'])
@Check(`"healthy_min" IS NULL OR "healthy_max" IS NULL OR "healthy_min" <= "healthy_max"`)
@Check(measureCheck('current', 'healthy_min', 'healthy_max'))
export class Kpi extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid' })
  goalId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  unit: string;

  @NumericColumn({ nullable: true })
  current: number | null;

  @NumericColumn({ nullable: true })
  healthyMin: number | null;

  @NumericColumn({ nullable: true })
  healthyMax: number | null;

  @RowVersion()
  version: number;
}
