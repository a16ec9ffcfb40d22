import { Inject, Injectable } from '@nestjs/common';
import { BY_KEY, byIdLoader, childPageLoader, Tenant, type RequestContext } from '@app/common';
import { Objective } from '@app/database';
import { objectiveProgress } from '@app/domain';
import { KeyResultLoaders } from '../key-results/key-result.loaders.js';

/** Per-request batch loaders for Objective (one query per tree level, never one per node). */
@Injectable()
export class ObjectiveLoaders {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(KeyResultLoaders) private readonly keyResults: KeyResultLoaders,
  ) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Objective, 'Objective');
  }

  /** A cycle's objectives by key, without ARCHIVED ones. */
  pageByCycle(ctx: RequestContext) {
    return this.pageBy(ctx, 'cycle_id');
  }

  /** A team's objectives by key, without ARCHIVED ones. */
  pageByTeam(ctx: RequestContext) {
    return this.pageBy(ctx, 'team_id');
  }

  /**
   * docs/design.md 2.2 progress of many objectives from one batch of their key results (the same
   * loader as `Objective.keyResults`, so asking for both costs one query).
   */
  progress(ctx: RequestContext) {
    return ctx.loaders.get<string, number | null>('Objective.progress', async (ids) => {
      const lists = await this.keyResults.byObjective(ctx).loadMany(ids);
      return lists.map((krs) => (krs instanceof Error ? krs : objectiveProgress(krs)));
    });
  }

  private pageBy(ctx: RequestContext, parentColumn: 'cycle_id' | 'team_id') {
    return childPageLoader(this.tenant, ctx, `Objective.pageBy.${parentColumn}`, Objective, {
      table: 'objectives',
      parentColumn,
      order: BY_KEY,
      filter: `t.status <> 'ARCHIVED'`,
    });
  }
}
