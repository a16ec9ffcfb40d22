import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person; global, not a tenant row (see the users policy in the security migration). */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** stored lower-case; unique across the service */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  /** scrypt hash; null until an invited user sets a password */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /**
   * Sessions carry the epoch they were issued in; signOutEverywhere increments it, so every
   * session token issued before stops working at once (API tokens are revoked one by one).
   */
  @Column({ type: 'int', default: 0 })
  sessionEpoch: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
