import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from './organization.entity.js';
import { Sprint } from './sprint.entity.js';

/**
 * The alignment report of a sprint as it stood when the sprint closed, one per measure. Immutable:
 * the app role may insert and read, never update or delete (see the migration).
 */
@Entity('sprint_snapshots')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Sprint, ['organizationId', 'sprintId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'sprintId', 'measure'], { unique: true })
@Check(`"measure" IN ('POINTS', 'COUNT')`)
export class SprintSnapshot {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sprintId: string;

  @Column({ type: 'text' })
  measure: 'POINTS' | 'COUNT';

  /** the AlignmentReport as the API returned it, goal keys included */
  @Column({ type: 'jsonb' })
  report: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
