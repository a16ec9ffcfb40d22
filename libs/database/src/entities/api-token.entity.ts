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
import { User } from './user.entity.js';

export const API_TOKEN_SCOPES = ['READ', 'WRITE'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/**
 * A named, scoped token an integration sends instead of a session. It acts as its creator with
 * the creator's current role, capped by its scope. Only the SHA-256 of its secret is stored; the
 * token is revoked, never deleted, so the audit log keeps pointing at it.
 */
@Entity('api_tokens')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => User, ['createdBy'], ['id'], { onDelete: 'CASCADE' })
@Index(['organizationId', 'createdBy'])
@Check(`"scope" IN ('READ', 'WRITE')`)
export class ApiToken {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  scope: ApiTokenScope;

  /** hex SHA-256 of the secret part of the token; the secret itself is shown once */
  @Column({ type: 'text' })
  secretHash: string;

  /** the member it acts as */
  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** written at most once a minute per token */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
