import { horizonSection, type CsvSection } from './csv-sections.js';
import { formatGap, formatPercent, formatShare, reasonLabel } from './display-format.js';
import type { PlanningExport } from './exports.service.js';

/**
 * The planning view's tables: the cycle, its projected alignment (goals, unaligned, horizon mix),
 * the initiatives without an estimate, capacity against demand per team with the MoSCoW lines,
 * and, once the cycle is locked, plan vs actual with the baseline and its scope changes.
 */
export function planningSections(data: PlanningExport, generatedAt: Date): CsvSection[] {
  const { cycle, projected, capacity } = data.session;
  const goal = (id: string) => data.goals.get(id);
  const sections: CsvSection[] = [
    {
      title: 'Cycle',
      columns: ['organization', 'cycle_key', 'cycle_name', 'state', 'start', 'end', 'generated_at'],
      rows: [
        [
          data.organization.name,
          cycle.key,
          cycle.name,
          cycle.state,
          cycle.startDate,
          cycle.endDate,
          generatedAt.toISOString(),
        ],
      ],
    },
    {
      title: 'Projected alignment',
      columns: [
        'planned_points',
        'aligned_points',
        'aligned_share',
        'aligned_share_display',
        'initiative_count',
      ],
      rows: [
        [
          projected.totalEffort,
          projected.alignedEffort,
          projected.alignedShare,
          formatShare(projected.alignedShare),
          projected.ticketCount,
        ],
      ],
    },
    {
      title: 'Projected share by goal',
      columns: [
        'goal_key',
        'goal_title',
        'share',
        'percent',
        'share_display',
        'target_share',
        'target_display',
        'gap',
        'gap_display',
        'effort',
      ],
      rows: projected.goals.map((g) => [
        goal(g.goalId)?.key ?? '',
        goal(g.goalId)?.title ?? '',
        g.share,
        g.percent,
        formatPercent(g.percent),
        g.targetShare,
        formatShare(g.targetShare),
        g.gap,
        formatGap(g.gap),
        g.effort,
      ]),
    },
    {
      title: 'Projected unaligned',
      columns: [
        'reason',
        'label',
        'share',
        'percent',
        'share_display',
        'effort',
        'initiative_count',
      ],
      rows: projected.unaligned.map((u) => [
        u.reason,
        reasonLabel(u.reason),
        u.share,
        u.percent,
        formatPercent(u.percent),
        u.effort,
        u.ticketCount,
      ]),
    },
    horizonSection('Projected horizon mix against target', projected.horizons),
    {
      title: 'Initiatives without an estimate',
      columns: ['initiative_key', 'initiative_title'],
      rows: projected.unestimatedInitiatives.map((i) => [i.key, i.title]),
    },
    {
      title: 'Capacity vs demand',
      columns: [
        'team_key',
        'team_name',
        'capacity_per_sprint',
        'sprints',
        'sprint_equivalents',
        'expected_sprints',
        'capacity',
        'demand',
        'over_committed',
      ],
      rows: capacity.map((t) => [
        t.team.key,
        t.team.name,
        t.capacityPerSprint,
        t.sprints,
        t.sprintEquivalents,
        t.expectedSprints,
        t.capacity,
        t.demand,
        t.overCommitted,
      ]),
    },
    {
      title: 'Demand lines',
      columns: [
        'team_key',
        'initiative_key',
        'initiative_title',
        'priority',
        'demand',
        'cumulative',
        'above_cut',
      ],
      rows: capacity.flatMap((t) =>
        t.lines.map((l) => [
          t.team.key,
          l.initiative.key,
          l.initiative.title,
          l.priority,
          l.demand,
          l.cumulative,
          l.aboveCut,
        ]),
      ),
    },
  ];
  const pva = data.planVsActual;
  if (pva) {
    sections.push(
      {
        title: 'Baseline',
        columns: [
          'locked_at',
          'loaded',
          'objective_count',
          'key_result_count',
          'initiative_count',
          'planned_effort',
        ],
        rows: [
          [
            pva.baseline.createdAt.toISOString(),
            pva.baseline.loaded,
            pva.baseline.objectiveCount,
            pva.baseline.keyResultCount,
            pva.baseline.initiativeCount,
            pva.baseline.plannedEffort,
          ],
        ],
      },
      {
        title: 'Plan vs actual',
        columns: [
          'goal_key',
          'goal_title',
          'planned_share',
          'planned_display',
          'actual_share',
          'actual_display',
          'drift',
          'drift_display',
        ],
        rows: pva.goals.map((g) => [
          goal(g.goalId)?.key ?? '',
          goal(g.goalId)?.title ?? '',
          g.plannedShare,
          formatShare(g.plannedShare),
          g.actualShare,
          formatShare(g.actualShare),
          g.drift,
          formatGap(g.drift),
        ]),
      },
      {
        title: `Scope changes since the lock (${pva.scopeChangeCount} in all, the newest ${pva.scopeChanges.length} here)`,
        columns: ['changed_at', 'entity', 'entity_key', 'operation'],
        rows: pva.scopeChanges.map((c) => [
          c.changedAt.toISOString(),
          c.entity,
          c.entityKey,
          c.operation,
        ]),
      },
    );
  }
  return sections;
}
