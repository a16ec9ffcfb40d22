import { Inject, Injectable } from '@nestjs/common';
import { Tenant, type RequestContext } from '@app/common';
import { CheckIn, KeyResult } from '@app/database';
import { MeasuredLoaders } from '../shared/measured.loaders.js';

/** Per-request batch loaders for KeyResult (one query per tree level, never one per node). */
@Injectable()
export class KeyResultLoaders extends MeasuredLoaders<KeyResult, CheckIn> {
  constructor(@Inject(Tenant) tenant: Tenant) {
    super(tenant, {
      name: 'KeyResult',
      target: KeyResult,
      parent: 'objectiveId',
      checkIns: { target: CheckIn, table: 'check_ins', parentColumn: 'key_result_id' },
    });
  }

  /** The non-archived key results of each objective, by key. */
  byObjective(ctx: RequestContext) {
    return this.unarchivedByParent(ctx, 'KeyResult.byObjective');
  }
}
