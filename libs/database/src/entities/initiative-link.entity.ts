import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { WEIGHT } from '@app/domain';
import { atMostCheck, NumericColumn, RowVersion, TenantEntity } from './columns.js';
import { Initiative } from './initiative.entity.js';
import { KeyResult } from './key-result.entity.js';
import { Objective } from './objective.entity.js';
import { Organization } from './organization.entity.js';

/** Initiative -> (key result | objective directly), weighted. Exactly one target is set. */
@Entity('initiative_links')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Initiative, ['organizationId', 'initiativeId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => KeyResult, ['organizationId', 'keyResultId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => Objective, ['organizationId', 'objectiveId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'initiativeId', 'keyResultId'], { unique: true })
@Index(['organizationId', 'initiativeId', 'objectiveId'], { unique: true })
@Index(['organizationId', 'keyResultId'])
@Index(['organizationId', 'objectiveId'])
@Check(`num_nonnulls("key_result_id", "objective_id") = 1`)
@Check(`"weight" > 0`)
@Check(atMostCheck('weight', WEIGHT.max))
export class InitiativeLink extends TenantEntity {
  @Column({ type: 'uuid' })
  initiativeId: string;

  @Column({ type: 'uuid', nullable: true })
  keyResultId: string | null;

  @Column({ type: 'uuid', nullable: true })
  objectiveId: string | null;

  @NumericColumn({ default: 1 })
  weight: number;

  @RowVersion()
  version: number;
}
