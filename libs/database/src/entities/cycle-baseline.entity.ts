import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type {
  BaselineEstimates,
  BaselineLinks,
  BaselineTree,
  StoredProjectedAlignment,
} from './cycle-baseline.json.js';
import { Cycle } from './cycle.entity.js';
import { Organization } from './organization.entity.js';

/**
 * The plan of a cycle as it stood when it was locked (docs/design.md 3): the tree, links, estimates and
 * projected alignment. One per cycle; immutable: the app role may insert and read, never update or
 * delete (see the migration).
 */
@Entity('cycle_baselines')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Cycle, ['organizationId', 'cycleId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'cycleId'], { unique: true })
export class CycleBaseline {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cycleId: string;

  /** objectives and key results of the cycle (ids, keys, titles, figures) */
  @Column({ type: 'jsonb' })
  tree: BaselineTree;

  /** the upward links of the cycle's objectives and the initiative links into the cycle */
  @Column({ type: 'jsonb' })
  links: BaselineLinks;

  /** the initiatives planned for the cycle with their estimates, teams and priorities */
  @Column({ type: 'jsonb' })
  estimates: BaselineEstimates;

  /** the ProjectedAlignment as the API returned it (two shapes: see StoredProjectedAlignment) */
  @Column({ type: 'jsonb' })
  projected: StoredProjectedAlignment;

  @Column({ type: 'uuid', nullable: true })
  lockedBy: string | null;

  /**
   * Stored when a plan file loaded the cycle as ACTIVE without a baseline (docs/design.md 3), not by
   * lockCycle: it records the plan as it was loaded, not a draft someone locked.
   */
  @Column({ type: 'boolean', default: false })
  loaded: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
