import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { findTicketByKey } from '@app/delivery';
import { hydrate, StrategicGoal, Ticket } from '@app/database';
import {
  AlignmentFlow,
  DomainError,
  explainTicket,
  goalEffortShare,
  goalContributions,
  initiativeInflow,
  isCountedTicket,
  ticketEffort,
  ticketGoalFraction,
  type NodeRef,
} from '@app/domain';
import { labelKey, type LoadedGraph } from '../report/alignment-graph.loader.js';
import { loadAlignmentGraph } from '../report/alignment-graph.loader.js';
import { AlignmentService } from '../report/alignment.service.js';
import { effortGroups, parseInitiativeSet } from '../report/effort-groups.query.js';
import { scopeCondition, type AlignmentScopeInput } from '../report/scope.js';
import type {
  AlignmentNodeType,
  ContributionType,
  GoalExplanationType,
  TicketExplanationType,
} from './explanation.types.js';

/** docs/design.md 2.1 "Explain": every number can be traced to the paths and tickets behind it. */
@Injectable()
export class ExplainService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(AlignmentService) private readonly alignment: AlignmentService,
  ) {}

  explainTicket(
    actor: Actor,
    key: string,
    sourceId?: string | null,
  ): Promise<TicketExplanationType> {
    return this.tenant.snapshot(actor, async (em) => {
      const ticket = await findTicketByKey(em, 'ticket', key, sourceId, {
        key: 'key',
        sourceId: 'sourceId',
      });
      const links: { id: string; weight: string }[] = await em.query(
        `SELECT initiative_id AS id, weight::text AS weight FROM ticket_links
          WHERE organization_id = $1 AND ticket_id = $2 ORDER BY initiative_id`,
        [actor.organizationId, ticket.id],
      );
      const loaded = await loadAlignmentGraph(em);
      const paths = explainTicket(
        loaded.graph,
        links.map((l) => ({ id: l.id, weight: Number(l.weight) })),
      );
      const goals = await goalsById(
        em,
        paths.flatMap((p) => (p.goalId ? [p.goalId] : [])),
      );
      return {
        ticket,
        counted: isCountedTicket(ticket),
        paths: paths.map((p) => ({
          nodes: p.nodes.map((n) => node(loaded, n)),
          fraction: p.fraction,
          goal: p.goalId ? (goals.get(p.goalId) ?? null) : null,
          reason: p.reason,
        })),
      };
    });
  }

  /**
   * Where a goal's effort in scope came from: the objectives, key results and initiatives it
   * passed through (largest first), and the tickets behind it (the `first` largest).
   */
  explainGoal(
    actor: Actor,
    key: string,
    scope: AlignmentScopeInput | null | undefined,
    first: number,
  ): Promise<GoalExplanationType> {
    return this.tenant.snapshot(actor, async (em) => {
      const goal = await em.findOne(StrategicGoal, { where: { key } });
      if (!goal) throw DomainError.notFound('strategic goal', `with key "${key}"`);
      const context = await this.alignment.context(em, actor, scope);
      const { graph } = context.loaded;
      const { groups } = await effortGroups(em, context.scope, context.settings.unestimatedPoints);
      const { effort, share } = goalEffortShare(graph, groups, goal.id);
      const contributions = goalContributions(graph, initiativeInflow(groups), goal.id).map(
        (c): ContributionType & { kind: NodeRef['kind'] } => ({
          kind: c.node.kind,
          node: node(context.loaded, c.node),
          effort: c.effort,
          share: effort > 0 ? c.effort / effort : 0,
        }),
      );
      const of = (kind: NodeRef['kind']) =>
        contributions.filter((c) => c.kind === kind).map(({ kind: _, ...c }) => c);

      // The tickets: those in scope linked to an initiative that sends effort to the goal.
      const feeding = of('initiative').map((c) => c.node.id);
      const params: unknown[] = [feeding, context.scope.organizationId];
      const rows: Record<string, unknown>[] = feeding.length
        ? await em.query(
            `SELECT t.*
               FROM tickets t
              WHERE t.id IN (SELECT ticket_id FROM ticket_links
                              WHERE organization_id = $2 AND initiative_id = ANY($1::uuid[]))
                AND ${scopeCondition(context.scope, params)}`,
            params,
          )
        : [];
      const flow = new AlignmentFlow(graph);
      const tickets = hydrate(em, Ticket, rows)
        .map((ticket) => {
          const links = parseInitiativeSet(ticket.initiativeSet);
          const weight = ticketEffort(
            ticket.points,
            context.scope.measure,
            context.settings.unestimatedPoints,
          );
          return { ticket, effort: weight * ticketGoalFraction(flow, links, goal.id) };
        })
        .filter((t) => t.effort > 0)
        .sort(
          (a, b) => b.effort - a.effort || a.ticket.externalKey.localeCompare(b.ticket.externalKey),
        );
      return {
        goal,
        effort,
        share,
        objectives: of('objective'),
        keyResults: of('keyResult'),
        initiatives: of('initiative'),
        tickets: tickets.slice(0, first),
        ticketCount: tickets.length,
      };
    });
  }
}

function node(loaded: LoadedGraph, ref: NodeRef): AlignmentNodeType {
  const label = loaded.labels.get(labelKey(ref.kind, ref.id));
  return { kind: ref.kind, id: ref.id, key: label?.key ?? '', title: label?.title ?? '' };
}

async function goalsById(em: EntityManager, ids: string[]): Promise<Map<string, StrategicGoal>> {
  if (!ids.length) return new Map();
  const goals = await em.find(StrategicGoal, { where: { id: In([...new Set(ids)]) } });
  return new Map(goals.map((g) => [g.id, g]));
}
