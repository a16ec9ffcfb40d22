import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { RowVersion } from './columns.js';
import type { OrganizationSettings } from '@app/domain';

@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  /** Partial settings; missing entries take the defaults of libs/domain (resolveSettings). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  settings: Partial<OrganizationSettings>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @RowVersion()
  version: number;
}
