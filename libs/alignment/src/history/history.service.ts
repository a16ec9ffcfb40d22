import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { Sprint, SprintSnapshot } from '@app/database';
import { alignmentReport, DomainError, type Measure } from '@app/domain';
import type { AlignmentReportType } from '../report/alignment-report.type.js';
import { AlignmentService, toReport } from '../report/alignment.service.js';
import { effortGroupsBySprint } from '../report/effort-groups.query.js';
import type { AlignmentTrendArgs, TrendPointType } from './trend.types.js';

const MEASURES: Measure[] = ['POINTS', 'COUNT'];

/** docs/design.md 3: sprint snapshots on close, and the per-sprint trend. */
@Injectable()
export class HistoryService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(AlignmentService) private readonly alignment: AlignmentService,
  ) {}

  /**
   * Closes an ACTIVE sprint and stores its alignment report, under both measures, for good. The
   * reports are computed from one snapshot; when a concurrent close (or start, or edit) of the
   * sprint commits meanwhile, PostgreSQL refuses this one: CONFLICT, nothing stored.
   */
  closeSprint(actor: Actor, key: string): Promise<Sprint> {
    return this.tenant.snapshotWrite(
      actor,
      (em) => this.closeIn(em, actor, key),
      `sprint "${key}" was closed or changed while its report was computed: reload and try again`,
    );
  }

  private async closeIn(em: EntityManager, actor: Actor, key: string): Promise<Sprint> {
    const sprint = await em.findOne(Sprint, { where: { key } });
    if (!sprint) throw DomainError.notFound('sprint', `with key "${key}"`);
    if (sprint.state !== 'ACTIVE')
      throw DomainError.conflict(
        `sprint "${key}" is ${sprint.state}: only an ACTIVE sprint can be closed`,
      );
    for (const measure of MEASURES) {
      const context = await this.alignment.context(em, actor, { sprintKeys: [key], measure });
      const report = await this.alignment.reportIn(em, context);
      await em.insert(SprintSnapshot, {
        organizationId: actor.organizationId,
        sprintId: sprint.id,
        measure,
        report: report as never,
      });
    }
    sprint.state = 'CLOSED';
    return em.save(sprint);
  }

  /**
   * The last N sprints (ACTIVE and CLOSED), oldest first: closed ones from their snapshot, the live
   * one and closed ones without a snapshot computed from ticket history (marked recomputed). One
   * statement for all sprints that need computing.
   */
  trend(actor: Actor, args: AlignmentTrendArgs): Promise<TrendPointType[]> {
    return this.tenant.snapshot(actor, async (em) => {
      const context = await this.alignment.context(em, actor, {
        teamKeys: args.teamKeys,
        measure: args.measure,
      });
      const sprints = await lastSprints(em, context.scope.teamIds, args.last);
      if (sprints.length === 0) return [];
      const snapshots = await em.find(SprintSnapshot, {
        where: sprints.map((s) => ({ sprintId: s.id, measure: args.measure })),
      });
      const stored = new Map(
        snapshots.map((s) => [s.sprintId, s.report as unknown as AlignmentReportType]),
      );
      const toCompute = sprints.filter((s) => !stored.has(s.id)).map((s) => s.id);
      const computed = toCompute.length
        ? await effortGroupsBySprint(
            em,
            toCompute,
            args.measure,
            context.settings.unestimatedPoints,
          )
        : new Map();
      return sprints.map((sprint) => {
        const snapshot = stored.get(sprint.id);
        if (snapshot) return { sprint, live: false, recomputed: false, report: snapshot };
        const { groups, workTypes } = computed.get(sprint.id)!;
        const figures = alignmentReport(
          context.loaded.graph,
          groups,
          context.settings.horizonTargetMix,
        );
        return {
          sprint,
          live: sprint.state === 'ACTIVE',
          recomputed: sprint.state === 'CLOSED',
          report: toReport(figures, workTypes, context.loaded),
        };
      });
    });
  }
}

async function lastSprints(
  em: EntityManager,
  teamIds: string[] | null,
  last: number,
): Promise<Sprint[]> {
  const qb = em
    .createQueryBuilder(Sprint, 's')
    .where(`s.state IN ('ACTIVE', 'CLOSED') AND s.archivedAt IS NULL`)
    .orderBy('s.startDate', 'DESC')
    .addOrderBy('s.key', 'DESC')
    .take(last);
  if (teamIds) qb.andWhere('s.teamId IN (:...teamIds)', { teamIds });
  return (await qb.getMany()).reverse();
}
