import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { groupByKey, Tenant, type Actor } from '@app/common';
import { StrategicGoal, type KeyResult } from '@app/database';
import {
  AlignmentFlow,
  isDrifting,
  isStale,
  keyResultProgress,
  outcomeVsOutput,
  ticketSinkFraction,
  type OrganizationSettings,
} from '@app/domain';
import { rememberOutcomeVsOutput } from '../progress/computed-outcome-vs-output.js';
import { initiativeDeliveries, supportLinks } from '../progress/delivery.queries.js';
import type { AlignmentReportType } from '../report/alignment-report.type.js';
import { AlignmentService, type AlignmentContext } from '../report/alignment.service.js';
import { parseInitiativeSet } from '../report/effort-groups.query.js';
import { scopeKey, type AlignmentScopeInput } from '../report/scope.js';
import {
  activeCycleKeyResults,
  idleInitiatives,
  initiativeSetsInScope,
  sourceSyncs,
  unalignedTicketsByReason,
  unsupportedKeyResults,
} from './gaps.queries.js';
import { overdueCheckIns } from './overdue-check-ins.js';
import {
  GAP_LIST_LIMIT,
  GAP_TICKET_LIMIT,
  type GapsType,
  type UnalignedGapType,
} from './gaps.type.js';

/**
 * gaps(scope), docs/design.md 2.3: everything the dashboard must surface, in one transaction. The
 * report's figures come from AlignmentService (the same flow, never recomputed here); each list is
 * one set-based statement, capped.
 */
@Injectable()
export class GapsService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(AlignmentService) private readonly alignment: AlignmentService,
  ) {}

  gaps(actor: Actor, input: AlignmentScopeInput | null | undefined): Promise<GapsType> {
    return this.tenant.sharedSnapshot(actor, `gaps:${scopeKey(input)}`, async (em) => {
      const context = await this.alignment.context(em, actor, input);
      return this.gapsIn(em, context, await this.alignment.reportIn(em, context));
    });
  }

  /**
   * The gaps of a report already computed in the caller's snapshot (the exports read the report
   * and its gaps from one snapshot, computing the report once).
   */
  async gapsIn(
    em: EntityManager,
    context: AlignmentContext,
    report: AlignmentReportType,
  ): Promise<GapsType> {
    const { settings, scope } = context;
    return {
      unaligned: await this.unaligned(em, context, report),
      unsupportedKeyResults: await unsupportedKeyResults(em, GAP_LIST_LIMIT),
      idleInitiatives: await idleInitiatives(em, scope, GAP_LIST_LIMIT),
      neglectedGoals: await this.neglectedGoals(em, report),
      drift: report.goals
        .filter((g) => isDrifting(g.gap, settings.thresholds.drift))
        .sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!))
        .slice(0, GAP_LIST_LIMIT),
      busyNotMoving: await this.busyNotMoving(em, settings),
      staleSources: (await sourceSyncs(em, GAP_LIST_LIMIT)).map((s) => ({
        ...s,
        stale: isStale(s.lastSyncedAt, new Date(), settings.thresholds.staleAfterHours),
      })),
      overdueCheckIns: await overdueCheckIns(
        em,
        settings.checkInEveryDays,
        new Date(),
        GAP_LIST_LIMIT,
      ),
    };
  }

  /**
   * The report's buckets, each with its largest tickets: the distinct sets of links in scope in one
   * statement, the part of each set that ends in each reason from libs/domain's flow, then one
   * statement for the tickets of every reason.
   */
  private async unaligned(
    em: EntityManager,
    { settings, scope, loaded }: AlignmentContext,
    report: AlignmentReportType,
  ): Promise<UnalignedGapType[]> {
    if (!report.unaligned.length) return [];
    const flow = new AlignmentFlow(loaded.graph);
    const sets = (await initiativeSetsInScope(em, scope)).map((initiativeSet) => ({
      initiativeSet,
      links: parseInitiativeSet(initiativeSet),
    }));
    const parts = new Map(
      report.unaligned.map((bucket) => [
        bucket.reason,
        sets
          .map(({ initiativeSet, links }) => ({
            initiativeSet,
            part: ticketSinkFraction(flow, links, bucket.reason),
          }))
          .filter((p) => p.part > 0),
      ]),
    );
    const tickets = await unalignedTicketsByReason(
      em,
      scope,
      settings.unestimatedPoints,
      parts,
      GAP_TICKET_LIMIT,
    );
    return report.unaligned.map((bucket) => ({
      reason: bucket.reason,
      effort: bucket.effort,
      ticketCount: bucket.ticketCount,
      tickets: tickets.get(bucket.reason) ?? [],
    }));
  }

  /** Active goals with no effort in scope (the report lists every active goal, also those). */
  private async neglectedGoals(
    em: EntityManager,
    report: AlignmentReportType,
  ): Promise<StrategicGoal[]> {
    const ids = report.goals.filter((g) => !(g.effort > 0)).map((g) => g.goalId);
    if (!ids.length) return [];
    return em.find(StrategicGoal, {
      where: { id: In(ids) },
      order: { key: 'ASC' },
      take: GAP_LIST_LIMIT,
    });
  }

  /**
   * Key results of the ACTIVE cycle flagged by outcome vs output: their links and their
   * initiatives' delivery in two statements for the whole cycle.
   */
  private async busyNotMoving(
    em: EntityManager,
    settings: OrganizationSettings,
  ): Promise<KeyResult[]> {
    const keyResults = await activeCycleKeyResults(em);
    const links = await supportLinks(
      em,
      keyResults.map((kr) => kr.id),
    );
    const deliveries = await initiativeDeliveries(
      em,
      [...new Set(links.map((l) => l.initiativeId))],
      settings.unestimatedPoints,
    );
    const linksOf = groupByKey(
      keyResults.map((kr) => kr.id),
      links,
      (l) => l.keyResultId,
    );
    const flagged = keyResults.filter((kr, i) => {
      const supporting = linksOf[i].map((l) => ({
        delivery: deliveries.get(l.initiativeId)!.delivery,
        weight: l.weight,
      }));
      const figure = outcomeVsOutput(keyResultProgress(kr), supporting, settings.thresholds);
      rememberOutcomeVsOutput(kr, figure);
      return figure.flagged;
    });
    return flagged.slice(0, GAP_LIST_LIMIT);
  }
}
