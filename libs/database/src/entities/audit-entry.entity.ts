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

export type AuditAction = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * One row per transaction that changed an organization's data: who, which operation, when, the
 * first row it changed (before and after) and how many rows in which tables. Written only by the
 * database's statement triggers (see the migration); the app role may read it, never write it.
 */
@Entity('audit_log')
// Checked at commit: a transaction may write (e.g. a new user) before its organization's row.
@ForeignKey(() => Organization, ['organizationId'], ['id'], {
  onDelete: 'CASCADE',
  deferrable: 'INITIALLY DEFERRED',
})
@Index(['organizationId', 'txId'], { unique: true })
@Index(['organizationId', 'entityType', 'entityId'])
@Index(['organizationId', 'userId'])
@Check(`"action" IN ('INSERT', 'UPDATE', 'DELETE')`)
export class AuditEntry {
  @PrimaryColumn('uuid')
  organizationId: string;

  /** increasing: the log reads newest first by it */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  /** txid_current() of the transaction: later statements of it add to the same row */
  @Column({ type: 'bigint' })
  txId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'uuid', nullable: true })
  apiTokenId: string | null;

  /** the GraphQL mutation (or CLI command) that made the change */
  @Column({ type: 'text' })
  operation: string;

  /** what the transaction's first statement did */
  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'text', nullable: true })
  entityKey: string | null;

  /** the first changed row as it was (updates, deletes), secrets removed */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  /** the first changed row as it became (creates, updates), secrets removed */
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'int' })
  changedRows: number;

  @Column({ type: 'text', array: true })
  tables: string[];
}
