import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { organizationOf, Sprint, SprintSnapshot } from '@app/database';
import {
  alignmentReport,
  DomainError,
  trendPeriod,
  trendWindowOf,
  type DateRange,
  type Measure,
} from '@app/domain';
import type { AlignmentReportType } from '../report/alignment-report.type.js';
import { AlignmentService, toReport } from '../report/alignment.service.js';
import { effortGroupsBySprintSet, type ScopedGroups } from '../report/effort-groups.query.js';
import type { AlignmentTrendArgs, TrendPointType } from './trend.types.js';

const MEASURES: Measure[] = ['POINTS', 'COUNT'];

/** docs/design.md 3: sprint snapshots on close, and the trend by sprint or by period. */
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
   * docs/design.md 3, the trend, oldest first. For one team a point is one of its last N sprints
   * (ACTIVE and CLOSED); for several (default: every team) a point is a period: the teams' sprints
   * grouped by end date into windows of the organization's cadence, the last N windows holding any.
   * A point of one CLOSED sprint with a snapshot shows the snapshot; every other point is computed
   * from the ticket history of its sprints, as `alignment(scope: { sprintKeys })` computes them
   * (stored reports are finished figures: shares, reach and percentages of two sprints cannot be
   * added, nor a ticket in both counted once). One statement for all points that need computing.
   */
  trend(actor: Actor, args: AlignmentTrendArgs): Promise<TrendPointType[]> {
    const key = `trend:${JSON.stringify([args.teamKeys ?? null, args.last, args.measure])}`;
    return this.tenant.sharedSnapshot(actor, key, async (em) => {
      const context = await this.alignment.context(em, actor, {
        teamKeys: args.teamKeys,
        measure: args.measure,
      });
      const teamIds = context.scope.teamIds;
      const points =
        teamIds?.length === 1
          ? (await lastSprints(em, teamIds, args.last)).map((sprint) => ({
              period: { start: sprint.startDate, end: sprint.endDate },
              sprints: [sprint],
            }))
          : await lastPeriods(em, teamIds, args.last, context.settings.cadenceDays);
      if (points.length === 0) return [];
      const single = points
        .filter((p) => p.sprints.length === 1 && p.sprints[0].state === 'CLOSED')
        .map((p) => p.sprints[0]);
      const snapshots = single.length
        ? await em.find(SprintSnapshot, {
            where: single.map((s) => ({ sprintId: s.id, measure: args.measure })),
          })
        : [];
      const stored = new Map(
        snapshots.map((s) => [s.sprintId, s.report as unknown as AlignmentReportType]),
      );
      const storedOf = (p: Point) => (p.sprints.length === 1 ? stored.get(p.sprints[0].id) : null);
      const toCompute = new Map(
        points
          .map((p, i) => [String(i), p] as const)
          .filter(([, p]) => !storedOf(p))
          .map(([i, p]) => [i, p.sprints.map((s) => s.id)]),
      );
      const computed = toCompute.size
        ? await effortGroupsBySprintSet(
            em,
            toCompute,
            args.measure,
            context.settings.unestimatedPoints,
          )
        : new Map<string, ScopedGroups>();
      return points.map((point, i): TrendPointType => {
        const base = {
          period: point.period,
          sprints: point.sprints,
          // by end date: the one ending last stands for the period where one sprint is expected
          sprint: point.sprints.at(-1)!,
        };
        const snapshot = storedOf(point);
        if (snapshot) return { ...base, live: false, recomputed: false, report: snapshot };
        const { groups, workTypes } = computed.get(String(i))!;
        const figures = alignmentReport(
          context.loaded.graph,
          groups,
          context.settings.horizonTargetMix,
        );
        return {
          ...base,
          live: point.sprints.some((s) => s.state === 'ACTIVE'),
          recomputed: point.sprints.some((s) => s.state === 'CLOSED'),
          report: toReport(figures, workTypes, context.loaded),
        };
      });
    });
  }
}

interface Point {
  period: DateRange;
  /** by end date, then key */
  sprints: Sprint[];
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

/**
 * The teams' ACTIVE and CLOSED sprints of the last N trend windows that hold any (libs/domain
 * trendWindowOf: anchored on the newest end date, `cadenceDays` long), oldest first: the windows
 * are numbered and limited in one statement, the sprints read in a second.
 */
async function lastPeriods(
  em: EntityManager,
  teamIds: string[] | null,
  last: number,
  cadenceDays: number,
): Promise<Point[]> {
  const params: unknown[] = [cadenceDays, last, organizationOf(em)];
  if (teamIds) params.push(teamIds);
  const rows: { id: string; anchor: string }[] = await em.query(
    `WITH scoped AS (
       SELECT s.id, s.end_date, max(s.end_date) OVER () AS anchor
         FROM sprints s
        WHERE s.organization_id = $3 AND s.state IN ('ACTIVE', 'CLOSED') AND s.archived_at IS NULL
          ${teamIds ? 'AND s.team_id = ANY($4::uuid[])' : ''}
     ), windowed AS (
       SELECT id, anchor, (anchor - end_date) / $1::int AS window_index FROM scoped
     )
     SELECT id, to_char(anchor, 'YYYY-MM-DD') AS anchor FROM windowed
      WHERE window_index IN (SELECT DISTINCT window_index FROM windowed ORDER BY window_index LIMIT $2)`,
    params,
  );
  if (rows.length === 0) return [];
  const anchor = rows[0].anchor;
  const sprints = await em.find(Sprint, {
    where: { id: In(rows.map((r) => r.id)) },
    order: { endDate: 'ASC', key: 'ASC' },
  });
  const byWindow = new Map<number, Sprint[]>();
  for (const sprint of sprints) {
    const index = trendWindowOf(anchor, sprint.endDate, cadenceDays);
    byWindow.set(index, [...(byWindow.get(index) ?? []), sprint]);
  }
  return [...byWindow]
    .sort(([a], [b]) => b - a)
    .map(([index, windowSprints]) => ({
      period: trendPeriod(anchor, index, cadenceDays),
      sprints: windowSprints,
    }));
}
