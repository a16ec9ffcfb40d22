import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { ArchivableTenantEntity, RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';

export const SOURCE_KINDS = ['JIRA_CLOUD', 'LINEAR', 'GITHUB', 'ASANA', 'TRELLO'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * One tracker connected to one organization (docs/design.md 4.4). The webhook secret and the API
 * credentials are stored sealed (AES-256-GCM under SECRETS_KEY, libs/common SecretBox) and never
 * leave the server; `settings` holds the tracker's non-secret settings. Deleting a source archives
 * it: its webhooks answer 410, its tickets stay.
 */
@Entity('ticket_sources')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@Index(['organizationId', 'name'], { unique: true, where: '"archived_at" IS NULL' })
@Check(`"kind" IN ('JIRA_CLOUD', 'LINEAR', 'GITHUB', 'ASANA', 'TRELLO')`)
export class TicketSource extends ArchivableTenantEntity {
  @Column({ type: 'text' })
  kind: SourceKind;

  @Column({ type: 'text' })
  name: string;

  /** the tracker's site, e.g. https://acme.atlassian.net: where reconciliation reads */
  @Column({ type: 'text', nullable: true })
  baseUrl: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  settings: Record<string, unknown>;

  /** sealed: HMAC needs the secret itself, so it is encrypted rather than hashed */
  @Column({ type: 'text' })
  webhookSecret: string;

  /**
   * When the tracker's own secret replaced the generated one in a handshake (Asana's first request
   * carries `X-Hook-Secret`): until then a handshake is taken, after it refused, so whoever learns
   * the webhook URL cannot swap the secret. Rotating the secret opens the handshake again.
   */
  @Column({ type: 'timestamptz', nullable: true })
  webhookHandshakeAt: Date | null;

  /** sealed API credentials (Jira: "email:api-token"); null when none were given */
  @Column({ type: 'text', nullable: true })
  credentials: string | null;

  /** a disabled source refuses its webhooks (410) and is not reconciled */
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** the tracker's updated time up to which the last reconciliation read everything */
  @Column({ type: 'timestamptz', nullable: true })
  syncedThrough: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncAt: Date | null;

  @RowVersion()
  version: number;
}
