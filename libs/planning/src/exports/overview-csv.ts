import { kpiHealthy } from '@app/domain';
import { horizonSection, type CsvSection } from './csv-sections.js';
import {
  effortUnit,
  formatGap,
  formatPercent,
  formatShare,
  reasonLabel,
  titleCase,
} from './display-format.js';
import type { OverviewExport } from './exports.service.js';

/**
 * The overview's tables, column for column: the figures as the API gives them (`share` a fraction,
 * `percent` the server's rounded display percent) and, where the screen shows a percentage, a
 * `*_display` column with the screen's text.
 */
export function overviewSections(data: OverviewExport, generatedAt: Date): CsvSection[] {
  const { report, scope } = data;
  const goal = (id: string) => data.goals.get(id);
  return [
    {
      title: 'Scope',
      columns: ['organization', 'teams', 'sprints', 'cycle', 'measure', 'unit', 'generated_at'],
      rows: [
        [
          data.organization.name,
          scope.teamKeys.join(' ') || 'all',
          scope.sprintKeys.join(' ') || (scope.cycleKey ? '' : 'active sprints'),
          scope.cycleKey ?? '',
          scope.measure,
          effortUnit(scope.measure),
          generatedAt.toISOString(),
        ],
      ],
    },
    {
      title: 'Summary',
      columns: [
        'aligned_share',
        'aligned_share_display',
        'total_effort',
        'aligned_effort',
        'ticket_count',
        'unestimated_tickets',
      ],
      rows: [
        [
          report.alignedShare,
          formatShare(report.alignedShare),
          report.totalEffort,
          report.alignedEffort,
          report.ticketCount,
          report.unestimatedTickets,
        ],
      ],
    },
    {
      title: 'Goals',
      columns: [
        'goal_key',
        'goal_title',
        'horizon',
        'share',
        'percent',
        'share_display',
        'target_share',
        'target_display',
        'gap',
        'gap_display',
        'reach',
        'reach_display',
        'effort',
        'objective_progress',
        'objective_progress_display',
      ],
      rows: report.goals.map((g) => {
        const progress = data.progress.get(g.goalId) ?? null;
        return [
          goal(g.goalId)?.key ?? '',
          goal(g.goalId)?.title ?? '',
          titleCase(goal(g.goalId)?.horizon ?? ''),
          g.share,
          g.percent,
          formatPercent(g.percent),
          g.targetShare,
          formatShare(g.targetShare),
          g.gap,
          formatGap(g.gap),
          g.reach,
          formatShare(g.reach),
          g.effort,
          progress,
          formatShare(progress),
        ];
      }),
    },
    {
      title: 'Unaligned work',
      columns: ['reason', 'label', 'share', 'percent', 'share_display', 'effort', 'ticket_count'],
      rows: report.unaligned.map((u) => [
        u.reason,
        reasonLabel(u.reason),
        u.share,
        u.percent,
        formatPercent(u.percent),
        u.effort,
        u.ticketCount,
      ]),
    },
    horizonSection('Horizon mix against target', report.horizons),
    {
      title: 'Work types',
      columns: ['work_type', 'label', 'effort', 'share', 'share_display'],
      rows: report.workTypes.map((w) => [
        w.workType,
        titleCase(w.workType),
        w.effort,
        w.share,
        formatShare(w.share),
      ]),
    },
    {
      title: 'KPIs by goal',
      columns: [
        'goal_key',
        'goal_title',
        'kpi_key',
        'kpi_title',
        'current',
        'unit',
        'healthy_min',
        'healthy_max',
        'healthy',
      ],
      rows: report.goals.flatMap((g) =>
        (data.kpis.get(g.goalId) ?? []).map((k) => [
          goal(g.goalId)?.key ?? '',
          goal(g.goalId)?.title ?? '',
          k.key,
          k.title,
          k.current,
          k.unit,
          k.healthyMin,
          k.healthyMax,
          kpiHealthy(k),
        ]),
      ),
    },
  ];
}
