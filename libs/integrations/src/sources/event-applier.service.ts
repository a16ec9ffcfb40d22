import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HistoryService } from '@app/alignment';
import { Tenant, type Actor } from '@app/common';
import { DomainError, type Problem } from '@app/domain';
import { TicketUpsertService } from '../tickets/ticket-upsert.service.js';
import { writeIssues, type IssueWrite } from './issue-writer.js';
import { sprintOwner, type SourceRow } from './source-row.js';
import { writeSprintEvent } from './tracker-sprints.js';
import type { TrackerEvent } from './tracker.js';

/** What applying a group of tracker events did. */
export interface AppliedEvents {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  /** ticket keys written, for the live views */
  keys: string[];
  problems: Problem[];
  /** events of an unused type, or records that could not be used (reconciliation) */
  ignored: string[];
  /** sprints the tracker closed, closed after the transaction (with their snapshots) */
  closing: string[];
}

/**
 * Applies tracker events, from a webhook (one) or a reconciliation page (many), the same way:
 * issues through the ordered issue writer in one transaction (with `alsoInTransaction`, e.g.
 * marking the webhook event applied), epics recording their tracker id, sprints through the sprint
 * writer, and a sprint the tracker closed closed with closeSprint's snapshot, after that
 * transaction (closeSprint computes its report from a snapshot of its own).
 */
@Injectable()
export class EventApplier {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(TicketUpsertService) private readonly upsert: TicketUpsertService,
    @Inject(HistoryService) private readonly history: HistoryService,
  ) {}

  async apply(
    actor: Actor,
    source: SourceRow,
    events: TrackerEvent[],
    alsoInTransaction?: (em: EntityManager, result: AppliedEvents) => Promise<void>,
  ): Promise<AppliedEvents> {
    const owner = sprintOwner(source);
    const result: AppliedEvents = {
      created: 0,
      updated: 0,
      unchanged: 0,
      stale: 0,
      keys: [],
      problems: [],
      ignored: [],
      closing: [],
    };
    await this.tenant.run(actor, async (em) => {
      const issues: IssueWrite[] = [];
      for (const event of events) {
        if (event.kind === 'issue' || event.kind === 'issueDeleted') {
          issues.push({
            issue: event.issue,
            webhookAt: event.webhookAt,
            deleted: event.kind === 'issueDeleted',
          });
        } else if (event.kind === 'epic') {
          await em.query(
            `UPDATE initiatives SET external_id = $2
              WHERE organization_id = $3 AND external_key = $1 AND external_id IS DISTINCT FROM $2`,
            [event.key, event.externalId, actor.organizationId],
          );
        } else if (event.kind === 'sprint') {
          const outcome = await writeSprintEvent(
            em,
            owner,
            event.sprint,
            event.action,
            event.webhookAt,
            result.problems,
          );
          if (outcome.close && outcome.sprintKey) result.closing.push(outcome.sprintKey);
        } else {
          result.ignored.push(event.reason);
        }
      }
      if (issues.length) {
        const written = await writeIssues(em, actor, owner, issues, this.upsert);
        result.created += written.created;
        result.updated += written.updated;
        result.unchanged += written.unchanged;
        result.stale += written.stale;
        result.keys.push(...written.keys);
        result.problems.push(...written.problems);
      }
      await alsoInTransaction?.(em, result);
    });
    for (const key of result.closing) await this.closeSprint(actor, key);
    return result;
  }

  /** closeSprint's semantics; a sprint closed meanwhile (by another event) is left as it is. */
  private async closeSprint(actor: Actor, key: string): Promise<void> {
    try {
      await this.history.closeSprint(actor, key);
    } catch (error) {
      if (
        error instanceof DomainError &&
        error.code === 'CONFLICT' &&
        /is CLOSED/.test(error.message)
      ) {
        return;
      }
      throw error;
    }
  }
}
