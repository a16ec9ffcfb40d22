import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import {
  AlignmentService,
  GapsService,
  type AlignmentReportType,
  type GapsType,
} from '@app/alignment';
import { createRequestContext, Tenant, type Actor, type RequestContext } from '@app/common';
import { Cycle, CycleBaseline, Organization, type Kpi, type StrategicGoal } from '@app/database';
import { GoalLoaders, KpiLoaders } from '@app/strategy';
import { ProjectionService } from '../projection.service.js';
import type {
  PlanningSessionType,
  PlanVsActualType,
  ProjectedAlignmentType,
} from '../planning.types.js';
import type { ExportScope } from './export-scope.js';

/** The goal fields an export shows beside each figure. */
export type GoalInfo = Pick<StrategicGoal, 'id' | 'key' | 'title' | 'horizon'>;

export interface OverviewExport {
  organization: Pick<Organization, 'name' | 'slug'>;
  scope: ExportScope;
  report: AlignmentReportType;
  goals: Map<string, GoalInfo>;
  /** goal progress in the scope's cycle (else the ACTIVE cycle), as the overview asks for it */
  progress: Map<string, number | null>;
  kpis: Map<string, Kpi[]>;
}

export interface SummaryExport extends OverviewExport {
  gaps: GapsType;
  /** the cycle of the plan section: the scope's, else the ACTIVE one */
  cycle: Cycle | null;
  /** the cycle has a baseline: its plan vs actual */
  planVsActual: PlanVsActualType | null;
  /** a DRAFT cycle (no baseline yet): the projected alignment of its plan */
  projected: ProjectedAlignmentType | null;
}

export interface PlanningExport {
  organization: Pick<Organization, 'name' | 'slug'>;
  session: PlanningSessionType;
  planVsActual: PlanVsActualType | null;
  goals: Map<string, GoalInfo>;
}

/** Scope changes a planning export lists, newest first (the API's own upper bound). */
const SCOPE_CHANGES = 200;

/**
 * Gathers what an export shows from the services the GraphQL API answers with (the alignment
 * report, its gaps, the planning session, plan vs actual) and the same batch loaders for goals,
 * progress and KPIs: an export never computes a figure of its own. The work of a request is
 * bounded: one alignment report for the scope (its gaps read from the same snapshot), plus for a
 * plan section the projection service's own report of the cycle; every list is capped.
 */
@Injectable()
export class ExportsService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(AlignmentService) private readonly alignment: AlignmentService,
    @Inject(GapsService) private readonly gapsService: GapsService,
    @Inject(ProjectionService) private readonly projection: ProjectionService,
    @Inject(GoalLoaders) private readonly goalLoaders: GoalLoaders,
    @Inject(KpiLoaders) private readonly kpiLoaders: KpiLoaders,
  ) {}

  async overview(actor: Actor, req: Request, scope: ExportScope): Promise<OverviewExport> {
    const read = await this.read(actor, scope, false);
    return { ...read, ...(await this.goalFigures(this.context(actor, req), read.report, scope)) };
  }

  async summary(actor: Actor, req: Request, scope: ExportScope): Promise<SummaryExport> {
    const { gaps, ...read } = await this.read(actor, scope, true);
    const ctx = this.context(actor, req);
    const cycle = read.cycle;
    const planVsActual =
      cycle && read.hasBaseline
        ? await this.projection.planVsActual(actor, { cycleKey: cycle.key, first: 1 })
        : null;
    const projected =
      cycle && !read.hasBaseline && cycle.state === 'DRAFT'
        ? await this.projection.projectedAlignment(actor, cycle.key)
        : null;
    const figures = await this.goalFigures(ctx, read.report, scope);
    const extra = [
      ...(planVsActual?.goals.map((g) => g.goalId) ?? []),
      ...(projected?.goals.map((g) => g.goalId) ?? []),
    ];
    await this.addGoals(ctx, figures.goals, extra);
    return { ...read, ...figures, gaps: gaps!, cycle, planVsActual, projected };
  }

  async planningCycle(actor: Actor, req: Request, cycleKey: string): Promise<PlanningExport> {
    const session = await this.projection.session(actor, cycleKey);
    const { organization, hasBaseline } = await this.tenant.snapshot(actor, async (em) => ({
      organization: await em.findOneOrFail(Organization, { where: { id: actor.organizationId } }),
      hasBaseline: await em.exists(CycleBaseline, { where: { cycleId: session.cycle.id } }),
    }));
    const planVsActual = hasBaseline
      ? await this.projection.planVsActual(actor, { cycleKey, first: SCOPE_CHANGES })
      : null;
    const goals = new Map<string, GoalInfo>();
    await this.addGoals(this.context(actor, req), goals, [
      ...session.projected.goals.map((g) => g.goalId),
      ...(planVsActual?.goals.map((g) => g.goalId) ?? []),
    ]);
    return { organization, session, planVsActual, goals };
  }

  /** The report (and its gaps) from one snapshot, with the organization and the plan's cycle. */
  private read(actor: Actor, scope: ExportScope, withGaps: boolean) {
    return this.tenant.snapshot(actor, async (em) => {
      const context = await this.alignment.context(em, actor, scope.scope);
      const report = await this.alignment.reportIn(em, context);
      const organization = await em.findOneOrFail(Organization, {
        where: { id: actor.organizationId },
      });
      const cycle = await em.findOne(Cycle, {
        where: scope.cycleKey ? { key: scope.cycleKey } : { state: 'ACTIVE' },
      });
      return {
        scope,
        report,
        organization,
        cycle,
        hasBaseline: cycle
          ? await em.exists(CycleBaseline, { where: { cycleId: cycle.id } })
          : false,
        gaps: withGaps ? await this.gapsService.gapsIn(em, context, report) : null,
      };
    });
  }

  /** The goals' fields, progress and KPIs through the batch loaders the GraphQL fields use. */
  private async goalFigures(ctx: RequestContext, report: AlignmentReportType, scope: ExportScope) {
    const ids = report.goals.map((g) => g.goalId);
    const goals = new Map<string, GoalInfo>();
    await this.addGoals(ctx, goals, ids);
    const progress = await this.goalLoaders
      .progress(ctx)
      .loadMany(ids.map((goalId) => ({ goalId, cycleKey: scope.cycleKey })));
    const kpis = await this.kpiLoaders.byGoal(ctx).loadMany(ids);
    return {
      goals,
      progress: new Map(ids.map((id, i) => [id, orThrow(progress[i])])),
      kpis: new Map(ids.map((id, i) => [id, orThrow(kpis[i])])),
    };
  }

  private async addGoals(ctx: RequestContext, into: Map<string, GoalInfo>, ids: string[]) {
    const missing = [...new Set(ids)].filter((id) => !into.has(id));
    const found = await this.goalLoaders.byId(ctx).loadMany(missing);
    for (const goal of found) {
      const row = orThrow(goal) as StrategicGoal | null;
      if (row) into.set(row.id, row);
    }
  }

  /** A request context for the loaders, as GraphQL builds one (never shared between requests). */
  private context(actor: Actor, req: Request): RequestContext {
    return { ...createRequestContext(req), actor };
  }
}

function orThrow<T>(value: T | Error): T {
  if (value instanceof Error) throw value;
  return value;
}
