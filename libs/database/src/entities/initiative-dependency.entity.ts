import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantEntity } from './columns.js';
import { Initiative } from './initiative.entity.js';
import { Organization } from './organization.entity.js';

/**
 * Initiative -> the initiative it is blocked by (docs/design.md 3, dependencies): it cannot finish
 * before the blocker does. Never itself; cycles are refused where dependencies are written.
 */
@Entity('initiative_dependencies')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Initiative, ['organizationId', 'initiativeId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@ForeignKey(() => Initiative, ['organizationId', 'blockedById'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'initiativeId', 'blockedById'], { unique: true })
@Index(['organizationId', 'blockedById'])
@Check(`"initiative_id" <> "blocked_by_id"`)
export class InitiativeDependency extends TenantEntity {
  @Column({ type: 'uuid' })
  initiativeId: string;

  @Column({ type: 'uuid' })
  blockedById: string;

  /** why it waits, in a sentence (what the blocker must deliver first) */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
