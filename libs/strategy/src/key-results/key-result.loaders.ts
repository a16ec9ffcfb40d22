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
import { CheckIn, KeyResult } from '@app/database';
import { byIdLoader } from '../shared/by-id.loader.js';
import { fetchChildRows, NEWEST_FIRST } from '../shared/child-rows.js';

/** Per-request batch loaders for KeyResult (one query per tree level, never one per node). */
@Injectable()
export class KeyResultLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  byId(ctx: RequestContext) {
    return byIdLoader(this.tenant, ctx, KeyResult, 'KeyResult');
  }

  /** The non-archived key results of each objective, by key (a small, bounded list). */
  byObjective(ctx: RequestContext) {
    return ctx.loaders.get<string, KeyResult[]>('KeyResult.byObjective', (ids) =>
      this.tenant
        .run(ctx.actor!, (em) =>
          em.find(KeyResult, {
            where: { objectiveId: In([...ids]), archivedAt: IsNull() },
            order: { key: 'ASC', id: 'ASC' },
          }),
        )
        .then((rows) => groupByKey(ids, rows, (row) => row.objectiveId)),
    );
  }

  /** Check-in history of each key result, newest first. */
  checkIns(ctx: RequestContext) {
    return ctx.loaders.get<ChildPageKey, Page<CheckIn>>('KeyResult.checkIns', (keys) =>
      loadChildPages(
        keys,
        (parentIds, limit, after) =>
          this.tenant.run(ctx.actor!, (em) =>
            fetchChildRows(
              em,
              CheckIn,
              { table: 'check_ins', parentColumn: 'key_result_id', order: NEWEST_FIRST },
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
