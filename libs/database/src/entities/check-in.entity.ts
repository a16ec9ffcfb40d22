import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { measureCheck, NumericColumn, TenantEntity } from './columns.js';
import { KeyResult, type Confidence } from './key-result.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

/** A dated update of a key result; the key result's `current` is the latest value. */
@Entity('check_ins')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => KeyResult, ['organizationId', 'keyResultId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['authorId'], ['id'], { onDelete: 'SET NULL' })
@Index(['organizationId', 'keyResultId', 'createdAt'])
@Check(`"confidence" IN ('ON_TRACK', 'AT_RISK', 'OFF_TRACK')`)
@Check(measureCheck('value'))
export class CheckIn extends TenantEntity {
  @Column({ type: 'uuid' })
  keyResultId: string;

  @NumericColumn()
  value: number;

  @Column({ type: 'text' })
  confidence: Confidence;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;
}
