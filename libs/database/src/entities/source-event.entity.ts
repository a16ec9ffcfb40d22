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

export const SOURCE_EVENT_STATES = ['PENDING', 'APPLIED', 'IGNORED', 'DEAD'] as const;
export type SourceEventState = (typeof SOURCE_EVENT_STATES)[number];

/**
 * The inbox: one webhook delivery, stored before it is answered (202) and applied by the workers.
 * A delivery is unique per source by its delivery id (the tracker's, else the SHA-256 of the body),
 * so a redelivery finds it and changes nothing. DEAD: failed for good (a dead letter, shown in the
 * source's problems); `problems` keeps what applying it could not use (a sprint of an unmapped board).
 */
@Entity('source_events')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => TicketSource, ['organizationId', 'sourceId'], ['organizationId', 'id'], {
  onDelete: 'CASCADE',
})
@Index(['organizationId', 'sourceId', 'deliveryId'], { unique: true })
@Index(['organizationId', 'sourceId', 'state', 'receivedAt'])
// the events a person must see (the source's problems): dead letters and events with problems
@Index(['organizationId', 'sourceId', 'receivedAt'], {
  where: `"state" = 'DEAD' OR "problems" <> '[]'::jsonb`,
})
@Check(`"state" IN ('PENDING', 'APPLIED', 'IGNORED', 'DEAD')`)
export class SourceEvent {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sourceId: string;

  @Column({ type: 'text' })
  deliveryId: string;

  /** the tracker's event name, e.g. jira:issue_updated */
  @Column({ type: 'text' })
  eventType: string;

  /** what the event is about, for people: an issue key, a sprint name */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'jsonb' })
  body: unknown;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  receivedAt: Date;

  @Column({ type: 'text', default: 'PENDING' })
  state: SourceEventState;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  problems: { path: string; message: string }[];

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;
}
