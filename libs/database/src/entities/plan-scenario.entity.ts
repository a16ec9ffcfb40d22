import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CAPACITY, ESTIMATE, MAX_SCENARIO_NAME, WEIGHT } from '@app/domain';
import { atMostCheck, NumericColumn, RowVersion, TenantEntity } from './columns.js';
import { Cycle } from './cycle.entity.js';
import { Initiative, type Priority } from './initiative.entity.js';
import { Organization } from './organization.entity.js';
import { Team } from './team.entity.js';

/**
 * A what-if of a DRAFT cycle's plan (docs/design.md 3, scenarios): a named copy of the plan's
 * adjustable values (the rows below), edited apart from the live tree and compared with it, until
 * one is promoted into the plan. Deleting one marks it (`deletedAt`), so its name is free again.
 * `editedAt` moves with every edit of its values, so the scenario's version moves with them too.
 */
@Entity('plan_scenarios')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Cycle, ['organizationId', 'cycleId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'cycleId', 'name'], { unique: true, where: '"deleted_at" IS NULL' })
@Check(`char_length("name") BETWEEN 1 AND ${MAX_SCENARIO_NAME}`)
export class PlanScenario extends TenantEntity {
  @Column({ type: 'uuid' })
  cycleId: string;

  @Column({ type: 'text' })
  name: string;

  /** the member who forked it */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  editedAt: Date;

  /** when it became the plan (promoteScenario) */
  @Column({ type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @RowVersion()
  version: number;
}

/**
 * The scenario's rows share its key and go with it (and with its organization); each also
 * remembers the live row's version at the fork. TypeORM gives the foreign keys declared here to
 * every entity that extends the class.
 */
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => PlanScenario, ['organizationId', 'scenarioId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
abstract class ScenarioRow {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  scenarioId: string;

  /** the live row's version when it was copied: promote refuses when it has moved since */
  @Column({ type: 'integer' })
  baseVersion: number;
}

/** One initiative in a scenario: in its plan or not, with its estimate and priority there. */
@Entity('plan_scenario_initiatives')
@ForeignKey(() => Initiative, ['organizationId', 'initiativeId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'initiativeId'])
@Check(`"priority" IN ('MUST', 'SHOULD', 'COULD', 'WONT')`)
@Check(`"estimate" IS NULL OR "estimate" >= 0`)
@Check(atMostCheck('estimate', ESTIMATE.max))
export class PlanScenarioInitiative extends ScenarioRow {
  @PrimaryColumn('uuid')
  initiativeId: string;

  @Column({ type: 'boolean' })
  included: boolean;

  @NumericColumn({ nullable: true })
  estimate: number | null;

  @Column({ type: 'text' })
  priority: Priority;
}

/** A team's capacity per sprint in a scenario. */
@Entity('plan_scenario_teams')
@ForeignKey(() => Team, ['organizationId', 'teamId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'teamId'])
@Check(`"capacity_per_sprint" >= 0`)
@Check(atMostCheck('capacity_per_sprint', CAPACITY.max))
export class PlanScenarioTeam extends ScenarioRow {
  @PrimaryColumn('uuid')
  teamId: string;

  @NumericColumn()
  capacityPerSprint: number;
}

/**
 * The weight of one initiative link in a scenario. `linkId` is the live link's id and carries no
 * foreign key on purpose: a link removed after the fork must stay visible to promote, which then
 * refuses (a cascade would silently drop the scenario's weight instead).
 */
@Entity('plan_scenario_links')
@ForeignKey(() => Initiative, ['organizationId', 'initiativeId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'initiativeId'])
@Check(`num_nonnulls("key_result_id", "objective_id") = 1`)
@Check(`"weight" > 0`)
@Check(atMostCheck('weight', WEIGHT.max))
export class PlanScenarioLink extends ScenarioRow {
  @PrimaryColumn('uuid')
  linkId: string;

  @Column({ type: 'uuid' })
  initiativeId: string;

  @Column({ type: 'uuid', nullable: true })
  keyResultId: string | null;

  @Column({ type: 'uuid', nullable: true })
  objectiveId: string | null;

  @NumericColumn()
  weight: number;
}
