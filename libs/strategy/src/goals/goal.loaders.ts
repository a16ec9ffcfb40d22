import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { BY_KEY, byIdLoader, childPageLoader, Tenant, type RequestContext } from '@app/common';
import { Cycle, StrategicGoal, type Objective } from '@app/database';
import { DomainError, goalProgressInCycle } from '@app/domain';
import { ObjectiveLinkLoaders } from '../objective-links/objective-link.loaders.js';
import { ObjectiveLoaders } from '../objectives/objective.loaders.js';

/** A goal's progress in one cycle; `cycleKey` null means the ACTIVE cycle. */
export interface GoalProgressKey {
  goalId: string;
  cycleKey: string | null;
}

/** Per-request batch loaders for goals (one query per tree level, never one per node). */
@Injectable()
export class GoalLoaders {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(ObjectiveLinkLoaders) private readonly linkLoaders: ObjectiveLinkLoaders,
    @Inject(ObjectiveLoaders) private readonly objectiveLoaders: ObjectiveLoaders,
  ) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, StrategicGoal, 'StrategicGoal');
  }

  /** The ACTIVE goals under a vision, by key. */
  pageByVision(ctx: RequestContext) {
    return childPageLoader(this.tenant, ctx, 'StrategicGoal.pageByVision', StrategicGoal, {
      table: 'strategic_goals',
      parentColumn: 'vision_id',
      order: BY_KEY,
      filter: `t.status = 'ACTIVE'`,
    });
  }

  /**
   * docs/design.md 2.2 goal progress for many goals at once: one query for the cycles asked for, then
   * the link, objective and key-result loaders (one query each), whatever the number of goals;
   * libs/domain goalProgressInCycle decides which objectives count and how.
   */
  progress(ctx: RequestContext) {
    return ctx.loaders.get<GoalProgressKey, number | null>(
      'StrategicGoal.progress',
      async (keys) => {
        const cycleKeys = [
          ...new Set(keys.flatMap((k) => (k.cycleKey === null ? [] : [k.cycleKey]))),
        ];
        const cycles = await this.tenant.load(ctx.actor!, (em) =>
          em.find(Cycle, {
            where: [{ state: 'ACTIVE' }, ...(cycleKeys.length ? [{ key: In(cycleKeys) }] : [])],
          }),
        );
        const linkLists = await this.linkLoaders.byGoal(ctx).loadMany(keys.map((k) => k.goalId));
        const objectiveIds = [
          ...new Set(
            linkLists.flatMap((links) =>
              links instanceof Error ? [] : links.map((l) => l.objectiveId),
            ),
          ),
        ];
        const [objectives, progress] = await Promise.all([
          this.objectiveLoaders.byId(ctx).loadMany(objectiveIds),
          this.objectiveLoaders.progress(ctx).loadMany(objectiveIds),
        ]);
        const objectiveById = new Map<
          string,
          { objective: Objective | null | Error; progress: number | null | Error }
        >(objectiveIds.map((id, i) => [id, { objective: objectives[i], progress: progress[i] }]));
        return keys.map((key, i) => {
          const cycle =
            key.cycleKey === null
              ? (cycles.find((c) => c.state === 'ACTIVE') ?? null)
              : cycles.find((c) => c.key === key.cycleKey);
          if (cycle === undefined)
            return DomainError.notFound('cycle', `with key "${key.cycleKey}"`);
          const links = linkLists[i];
          if (links instanceof Error) return links;
          const linked = [];
          for (const link of links) {
            const { objective, progress } = objectiveById.get(link.objectiveId) ?? {};
            if (!objective || objective instanceof Error || progress instanceof Error) continue;
            linked.push({
              cycleId: objective.cycleId,
              status: objective.status,
              progress: progress ?? null,
              weight: link.weight,
            });
          }
          return goalProgressInCycle(linked, cycle?.id ?? null);
        });
      },
    );
  }
}
