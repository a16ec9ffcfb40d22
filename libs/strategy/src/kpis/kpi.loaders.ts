import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { Kpi, KpiCheckIn } from '@app/database';
import { MeasuredLoaders } from '../shared/measured.loaders.js';

/** Per-request batch loaders for KPIs (one query per tree level, never one per node). */
@Injectable()
export class KpiLoaders extends MeasuredLoaders<Kpi, KpiCheckIn> {
  constructor(@Inject(Tenant) tenant: Tenant) {
    super(tenant, {
      name: 'Kpi',
      target: Kpi,
      parent: 'goalId',
      checkIns: { target: KpiCheckIn, table: 'kpi_check_ins', parentColumn: 'kpi_id' },
    });
  }

  /** The non-archived KPIs of each goal, by key. */
  byGoal(ctx: RequestContext) {
    return this.unarchivedByParent(ctx, 'Kpi.byGoal');
  }
}
