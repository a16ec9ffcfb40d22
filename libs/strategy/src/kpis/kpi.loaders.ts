import { Inject, Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import {
  groupByKey,
  loadChildPages,
  Tenant,
  type ChildPageKey,
  type Page,
  type RequestContext,
} from '@app/common';
import { Kpi, KpiCheckIn } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';
import { fetchChildRows, NEWEST_FIRST } from '../shared/child-rows.js';

/** Per-request batch loaders for KPIs (one query per tree level, never one per node). */
@Injectable()
export class KpiLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, Kpi, 'Kpi');
  }

  /** The non-archived KPIs of each goal, by key (a small, bounded list). */
  byGoal(ctx: RequestContext) {
    return ctx.loaders.get<string, Kpi[]>('Kpi.byGoal', (ids) =>
      this.tenant
        .run(ctx.actor!, (em) =>
          em.find(Kpi, {
            where: { goalId: In([...ids]), archivedAt: IsNull() },
            order: { key: 'ASC', id: 'ASC' },
          }),
        )
        .then((rows) => groupByKey(ids, rows, (row) => row.goalId)),
    );
  }

  /** Reading history of each KPI, newest first. */
  checkIns(ctx: RequestContext) {
    return ctx.loaders.get<ChildPageKey, Page<KpiCheckIn>>('Kpi.checkIns', (keys) =>
      loadChildPages(
        keys,
        (parentIds, limit, after) =>
          this.tenant.run(ctx.actor!, (em) =>
            fetchChildRows(
              em,
              KpiCheckIn,
              { table: 'kpi_check_ins', parentColumn: 'kpi_id', order: NEWEST_FIRST },
              parentIds,
              limit,
              after,
            ),
          ),
        (row) => row.sortKey,
      ),
    );
  }
}
