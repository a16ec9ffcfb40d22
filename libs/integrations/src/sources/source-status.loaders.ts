import { Inject, Injectable } from '@nestjs/common';
import { byKey, groupByKey, Tenant, type RequestContext } from '@app/common';
import { Organization, SyncRun } from '@app/database';
import { isStale, resolveSettings, type Problem } from '@app/domain';
import { sourceProblems, sourceStatuses, type SourceStatusRow } from './source-status.queries.js';

/**
 * Per-request loaders for the figures of `TicketSource` that read the inbox and the runs: one
 * statement for all sources of a request, whatever their number.
 */
@Injectable()
export class SourceStatusLoaders {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  status(ctx: RequestContext) {
    return ctx.loaders.get<string, SourceStatusRow>('Sources.status', (ids) =>
      this.tenant
        .load(ctx.actor!, (em) => sourceStatuses(em, ids))
        .then((rows) => byKey(ids, rows, (r) => r.source_id).map((r) => r!)),
    );
  }

  problems(ctx: RequestContext) {
    return ctx.loaders.get<string, Problem[]>('Sources.problems', (ids) =>
      this.tenant
        .load(ctx.actor!, (em) => sourceProblems(em, ids))
        .then((rows) =>
          groupByKey(ids, rows, (r) => r.source_id).map((list) =>
            list.map(({ path, message }) => ({ path, message })),
          ),
        ),
    );
  }

  lastSync(ctx: RequestContext) {
    return ctx.loaders.get<string, SyncRun | null>('Sources.lastSync', (ids) =>
      this.tenant
        .load(ctx.actor!, (em) =>
          em
            .createQueryBuilder(SyncRun, 'r')
            .distinctOn(['r.sourceId'])
            .where('r.sourceId IN (:...ids)', { ids: [...ids] })
            .orderBy('r.sourceId')
            .addOrderBy('r.startedAt', 'DESC')
            .getMany(),
        )
        .then((rows) => byKey(ids, rows, (r) => r.sourceId)),
    );
  }

  /**
   * docs/design.md 4.4: the newer of the last event and the last sync, against the threshold. A
   * source that has had neither yet counts from its creation: it is not stale the moment it exists.
   */
  async stale(ctx: RequestContext, status: SourceStatusRow, createdAt: Date): Promise<boolean> {
    const hours = await ctx.loaders
      .get<string, number>('Sources.staleAfterHours', (orgIds) =>
        this.tenant
          .load(ctx.actor!, (em) => em.find(Organization, { where: orgIds.map((id) => ({ id })) }))
          .then((rows) =>
            byKey(orgIds, rows, (o) => o.id).map(
              (o) => resolveSettings(o?.settings).thresholds.staleAfterHours,
            ),
          ),
      )
      .load(ctx.actor!.organizationId);
    const times = [status.last_event_at, status.last_sync_at].filter((t): t is Date => t !== null);
    const newest = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : createdAt;
    return isStale(newest, new Date(), hours);
  }
}
