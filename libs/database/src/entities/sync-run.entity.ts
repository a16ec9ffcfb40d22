import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from './organization.entity.js';
import { TicketSource } from './ticket-source.entity.js';

export type SyncRunState = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One reconciliation of a source through its tracker's API, with what it found. */
@Entity('sync_runs')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => TicketSource, ['organizationId', 'sourceId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'sourceId', 'startedAt'])
@Check(`"state" IN ('RUNNING', 'SUCCEEDED', 'FAILED')`)
@Check(`"trigger" IN ('MANUAL', 'SCHEDULE')`)
export class SyncRun {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  trigger: 'MANUAL' | 'SCHEDULE';

  @Column({ type: 'text', default: 'RUNNING' })
  state: SyncRunState;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** the tracker's updated time this run read from (null: everything) */
  @Column({ type: 'timestamptz', nullable: true })
  since: Date | null;

  @Column({ type: 'integer', default: 0 })
  created: number;

  @Column({ type: 'integer', default: 0 })
  updated: number;

  @Column({ type: 'integer', default: 0 })
  unchanged: number;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  problems: { path: string; message: string }[];
}
