import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

export const ROLES = ['OWNER', 'ADMIN', 'EDITOR', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

@Entity('memberships')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => User, ['userId'], ['id'], { onDelete: 'CASCADE' })
@Check(`"role" IN ('OWNER', 'ADMIN', 'EDITOR', 'MEMBER', 'VIEWER')`)
@Index(['userId'])
export class Membership {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'text' })
  role: Role;

  /** sha-256 of the one-time invite token; null once accepted (or for the founder) */
  @Column({ type: 'text', nullable: true })
  inviteTokenHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  inviteExpiresAt: Date | null;

  /** null while the invite is pending */
  @Column({ type: 'timestamptz', nullable: true })
  joinedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @RowVersion()
  version: number;
}
