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
import { Cycle } from './cycle.entity.js';
import { Organization } from './organization.entity.js';

export type ScopeEntity =
  'OBJECTIVE' | 'KEY_RESULT' | 'OBJECTIVE_LINK' | 'INITIATIVE_LINK' | 'INITIATIVE';
export type ScopeOperation = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * A change to a locked cycle's plan (docs/design.md 3), written by row-level triggers on the plan's
 * tables (see the migration), so every write path records it. Append-only for the app role.
 */
@Entity('scope_changes')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Cycle, ['organizationId', 'cycleId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'cycleId', 'changedAt'])
@Check(`"entity" IN ('OBJECTIVE', 'KEY_RESULT', 'OBJECTIVE_LINK', 'INITIATIVE_LINK', 'INITIATIVE')`)
@Check(`"operation" IN ('INSERT', 'UPDATE', 'DELETE')`)
export class ScopeChange {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cycleId: string;

  @Column({ type: 'text' })
  entity: ScopeEntity;

  /** the key of the objective, key result or initiative concerned (of the link's lower end) */
  @Column({ type: 'text' })
  entityKey: string;

  @Column({ type: 'text' })
  operation: ScopeOperation;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** app.user_id of the transaction that made the change */
  @Column({ type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
