import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { POINTS, type StatusCategory, type WorkType } from '@app/domain';
import { ArchivableTenantEntity, atMostCheck, NumericColumn, RowVersion } from './columns.js';
import { Organization } from './organization.entity.js';
import { Sprint } from './sprint.entity.js';
import { TicketSource } from './ticket-source.entity.js';

/** One unit of sprint work. Its sprint history lives in ticket_sprints (TicketSprint). */
@Entity('tickets')
@ForeignKey(() => Organization, ['organizationId'], ['id'], { onDelete: 'CASCADE' })
@ForeignKey(() => Sprint, ['organizationId', 'currentSprintId'], ['organizationId', 'id'])
@ForeignKey(() => Ticket, ['organizationId', 'parentTicketId'], ['organizationId', 'id'])
// Tickets are unique per source (docs/design.md 4.4 "Several sources"): the same key in two trackers
// is two tickets. The migration makes this index NULLS NOT DISTINCT (TypeORM cannot say so), so the
// source-less tickets of files and the API stay unique per key too.
@Index(['organizationId', 'sourceId', 'externalKey'], { unique: true })
// ticket(key), file imports and parents look a key up whatever its source
@Index(['organizationId', 'externalKey'])
@Index(['organizationId', 'currentSprintId'])
@Index(['organizationId', 'parentTicketId'])
@Index(['organizationId', 'parentKey'], { where: '"parent_key" IS NOT NULL' })
@Index(['organizationId', 'externalId'], { where: '"external_id" IS NOT NULL' })
@ForeignKey(() => TicketSource, ['organizationId', 'sourceId'], ['organizationId', 'id'])
@Check(`"status_category" IN ('TODO', 'IN_PROGRESS', 'DONE', 'CANCELLED')`)
@Check(`"work_type" IN ('NEW_VALUE', 'MAINTENANCE', 'TECH_DEBT', 'BUG')`)
@Check(`"points" IS NULL OR "points" >= 0`)
@Check(atMostCheck('points', POINTS.max))
@Check(`"parent_ticket_id" IS NULL OR "parent_ticket_id" <> "id"`)
export class Ticket extends ArchivableTenantEntity {
  /** the ticket's key in its source, e.g. PAY-123; the ticket's `key` */
  @Column({ type: 'text' })
  externalKey: string;

  /** the source's own id (Jira's numeric Issue id), used to resolve `Parent` columns */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text' })
  title: string;

  /** issue type in the source: Story, Bug, Task, Sub-task, ... */
  @Column({ type: 'text', default: 'Task' })
  type: string;

  @Column({ type: 'text', array: true, default: () => "'{}'::text[]" })
  labels: string[];

  /** derived from labels and type through the organization's mapping */
  @Column({ type: 'text' })
  workType: WorkType;

  @Column({ type: 'text' })
  statusCategory: StatusCategory;

  @Column({ type: 'text', default: '' })
  rawStatus: string;

  /** null: unestimated (0 is an estimate) */
  @NumericColumn({ nullable: true })
  points: number | null;

  /** the parent of a sub-task, once it is known (imported) */
  @Column({ type: 'uuid', nullable: true })
  parentTicketId: string | null;

  /**
   * The parent's key as the source named it, kept while the parent is not imported yet: a parent
   * arriving later (a webhook after its sub-task's, a later file) is linked to its waiting
   * sub-tasks then.
   */
  @Column({ type: 'text', nullable: true })
  parentKey: string | null;

  /**
   * A sub-task carries no effort of its own (its parent counts): its issue type says so, or it
   * has a parent, known yet or not. Written by every write path with libs/domain `isSubTask`.
   */
  @Column({ type: 'boolean', default: false })
  subtask: boolean;

  /** the last sprint of the history, kept here for set-based scope queries */
  @Column({ type: 'uuid', nullable: true })
  currentSprintId: string | null;

  /**
   * The ticket's initiatives as "<initiative id>=<weight>;..." in id order ('' for none): kept by
   * database triggers on ticket_links, so the alignment report can group tickets by their set of
   * initiatives in one scan of the tickets (docs/design.md 6). Never written by the application.
   */
  @Column({ type: 'text', default: '' })
  initiativeSet: string;

  /**
   * The hash of what the last ticket write stored (fields, sprint history, epic link), by which a
   * re-import knows an unchanged ticket without comparing it (ticket-content-hash.ts); NULL once
   * anything else changed what it covers (the triggers of its migration forget it).
   */
  @Column({ type: 'text', nullable: true, select: false })
  contentHash: string | null;

  /** MANUAL, API, JIRA_CSV, ... */
  @Column({ type: 'text', default: 'MANUAL' })
  source: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  /**
   * The live source (docs/design.md 4.4) that owns the ticket: its key is unique within that
   * source. Null for tickets of files and the API until a source delivering their key adopts them.
   */
  @Column({ type: 'uuid', nullable: true })
  sourceId: string | null;

  /**
   * The tracker's updated time of the state stored, and the webhook time that brought it: an
   * event older than these changes nothing (trackers deliver out of order). A deleted issue keeps
   * its row archived with these set, as the tombstone older events meet.
   */
  @Column({ type: 'timestamptz', nullable: true })
  sourceUpdatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sourceEventAt: Date | null;

  @RowVersion()
  version: number;
}
