import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus, Tenant, type Actor } from '@app/common';
import { ProjectionService } from './projection.service.js';

/**
 * Tells the live views when the plan of a DRAFT or ACTIVE cycle changed. The database bumps
 * cycles.plan_revision on every write to a cycle's plan (the planning migration's trigger), so one
 * check after each write, whatever it was, finds the cycles that changed: the last revision each
 * process saw is kept per cycle, and a cycle seen for the first time counts as changed.
 */
@Injectable()
export class PlanEventsService {
  private readonly logger = new Logger('PlanEvents');
  private readonly seen = new Map<string, string>();

  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(ProjectionService) private readonly projection: ProjectionService,
  ) {}

  /** After a write by this actor: publishes planChanged and projectedAlignmentChanged as needed. */
  async afterWrite(actor: Actor): Promise<void> {
    try {
      const cycles: { id: string; key: string; revision: string }[] = await this.tenant.run(
        actor,
        (em) =>
          em.query(
            `SELECT id, key, state || ':' || plan_revision::text || ':' || updated_at::text AS revision
               FROM cycles
              WHERE organization_id = $1 AND state IN ('DRAFT', 'ACTIVE') AND archived_at IS NULL`,
            [actor.organizationId],
          ),
      );
      for (const cycle of cycles) {
        const seenKey = `${actor.organizationId}:${cycle.id}`;
        if (this.seen.get(seenKey) === cycle.revision) continue;
        this.seen.set(seenKey, cycle.revision);
        await this.bus.publish({
          type: 'planChanged',
          organizationId: actor.organizationId,
          cycleKey: cycle.key,
          payload: { cycleKey: cycle.key, changedBy: actor.userId, at: new Date().toISOString() },
        });
        const projected = await this.projection.projectedAlignment(actor, cycle.key);
        await this.bus.publish({
          type: 'projectedAlignmentChanged',
          organizationId: actor.organizationId,
          cycleKey: cycle.key,
          payload: projected,
        });
      }
    } catch (error) {
      // A live view missing one update must not fail (or slow down) the write itself.
      this.logger.error(`plan events: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
