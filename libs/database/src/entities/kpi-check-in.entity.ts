import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { measureCheck, NumericColumn, TenantEntity } from './columns.js';
import { Kpi } from './kpi.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

@Entity('kpi_check_ins')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Kpi, ['organizationId', 'kpiId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['authorId'], ['id'], { onDelete: 'SET NULL' })
@Index(['organizationId', 'kpiId', 'createdAt'])
@Check(measureCheck('value'))
export class KpiCheckIn extends TenantEntity {
  @Column({ type: 'uuid' })
  kpiId: string;

  @NumericColumn()
  value: number;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;
}
