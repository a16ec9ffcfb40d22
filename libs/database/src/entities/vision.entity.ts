import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { RowVersion, TenantEntity } from './columns.js';
import { Organization } from './organization.entity.js';

/** The organization's north star: exactly one per organization. */
@Entity('visions')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@Index(['organizationId'], { unique: true })
export class Vision extends TenantEntity {
  @Column({ type: 'text' })
  statement: string;

  /** free text, e.g. "2028" */
  @Column({ type: 'text', default: '' })
  horizon: string;

  @RowVersion()
  version: number;
}
