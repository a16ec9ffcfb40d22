import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { Organization, useReportMemory } from '@app/database';
import {
  alignmentReport,
  resolveSettings,
  sharesOf,
  WORK_TYPES,
  type OrganizationSettings,
} from '@app/domain';
import { loadAlignmentGraph, labelKey, type LoadedGraph } from './alignment-graph.loader.js';
import type { AlignmentReportType } from './alignment-report.type.js';
import { effortGroups } from './effort-groups.query.js';
import { resolveScope, scopeKey, type AlignmentScopeInput, type ResolvedScope } from './scope.js';

/** Everything one report needs, loaded in one transaction. */
export interface AlignmentContext {
  settings: OrganizationSettings;
  scope: ResolvedScope;
  loaded: LoadedGraph;
}

/**
 * alignment(scope): reads the tickets once (one grouped statement) and the upper graph once, then
 * libs/domain computes every number (alignmentReport). Live: always from current data, read from
 * one snapshot (the graph and the tickets as of the same moment).
 */
@Injectable()
export class AlignmentService {
  constructor(@Inject(Tenant) private readonly tenant: Tenant) {}

  report(
    actor: Actor,
    input: AlignmentScopeInput | null | undefined,
  ): Promise<AlignmentReportType> {
    return this.tenant.sharedSnapshot(actor, `alignment:${scopeKey(input)}`, async (em) => {
      const context = await this.context(em, actor, input);
      return this.reportIn(em, context);
    });
  }

  context(
    em: EntityManager,
    actor: Actor,
    input: AlignmentScopeInput | null | undefined,
  ): Promise<AlignmentContext> {
    return alignmentContext(em, actor, input);
  }

  reportIn(em: EntityManager, context: AlignmentContext): Promise<AlignmentReportType> {
    return alignmentReportIn(em, context);
  }
}

/**
 * The settings, the resolved scope and the upper graph of one report, read in the caller's
 * transaction (which should be one snapshot: Tenant.snapshot, or snapshotWrite for what is stored).
 */
export async function alignmentContext(
  em: EntityManager,
  actor: Actor,
  input: AlignmentScopeInput | null | undefined,
): Promise<AlignmentContext> {
  await useReportMemory(em);
  const org = await em.findOneOrFail(Organization, { where: { id: actor.organizationId } });
  return {
    settings: resolveSettings(org.settings),
    scope: await resolveScope(em, input),
    loaded: await loadAlignmentGraph(em),
  };
}

/** The report of a context: its tickets in one grouped statement, the numbers from libs/domain. */
export async function alignmentReportIn(
  em: EntityManager,
  { settings, scope, loaded }: AlignmentContext,
): Promise<AlignmentReportType> {
  const { groups, workTypes } = await effortGroups(em, scope, settings.unestimatedPoints);
  return toReport(
    alignmentReport(loaded.graph, groups, settings.horizonTargetMix),
    workTypes,
    loaded,
  );
}

/** The domain's figures in the contract's shape, goals in key order. */
export function toReport(
  figures: ReturnType<typeof alignmentReport>,
  workTypes: ReadonlyMap<(typeof WORK_TYPES)[number], number>,
  loaded: LoadedGraph,
): AlignmentReportType {
  const key = (goalId: string) => loaded.labels.get(labelKey('goal', goalId))?.key ?? '';
  return {
    ...figures,
    goals: [...figures.goals].sort((a, b) => key(a.goalId).localeCompare(key(b.goalId))),
    workTypes: sharesOf(WORK_TYPES, workTypes).map(({ key: workType, effort, share }) => ({
      workType,
      effort,
      share,
    })),
  };
}
