import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { CAPACITY } from '@app/domain';
import { ArchivableTenantEntity, atMostCheck, NumericColumn, RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';

@Entity('teams')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@Index(['organizationId', 'key'], { unique: true })
@Check(`"capacity" >= 0`)
@Check(atMostCheck('capacity', CAPACITY.max))
export class Team extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  /** story points per sprint */
  @NumericColumn({ default: 0 })
  capacity: number;

  @RowVersion()
  version: number;
}
