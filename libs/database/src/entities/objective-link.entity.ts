import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { WEIGHT } from '@app/domain';
import { atMostCheck, NumericColumn, RowVersion, TenantEntity } from './columns.js';
import { KeyResult } from './key-result.entity.js';
import { Objective } from './objective.entity.js';
import { Organization } from './organization.entity.js';
import { StrategicGoal } from './strategic-goal.entity.js';

/**
 * Objective -> (strategic goal | parent objective | key result of another objective), weighted.
 * Exactly one target column is set.
 */
@Entity('objective_links')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Objective, ['organizationId', 'objectiveId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => StrategicGoal, ['organizationId', 'goalId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => Objective, ['organizationId', 'parentObjectiveId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => KeyResult, ['organizationId', 'keyResultId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'objectiveId', 'goalId'], { unique: true })
@Index(['organizationId', 'objectiveId', 'parentObjectiveId'], { unique: true })
@Index(['organizationId', 'objectiveId', 'keyResultId'], { unique: true })
@Index(['organizationId', 'goalId'])
@Index(['organizationId', 'parentObjectiveId'])
@Index(['organizationId', 'keyResultId'])
@Check(`num_nonnulls("goal_id", "parent_objective_id", "key_result_id") = 1`)
@Check(`"parent_objective_id" IS NULL OR "parent_objective_id" <> "objective_id"`)
@Check(`"weight" > 0`)
@Check(atMostCheck('weight', WEIGHT.max))
export class ObjectiveLink extends TenantEntity {
  @Column({ type: 'uuid' })
  objectiveId: string;

  @Column({ type: 'uuid', nullable: true })
  goalId: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentObjectiveId: string | null;

  @Column({ type: 'uuid', nullable: true })
  keyResultId: string | null;

  @NumericColumn({ default: 1 })
  weight: number;

  @RowVersion()
  version: number;
}
