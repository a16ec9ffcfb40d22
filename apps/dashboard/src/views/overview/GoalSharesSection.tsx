import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Card } from '../../components/Card';
import { FiguresTable, type Column, type RowProps } from '../../components/FiguresTable';
import { shareColumns, type ShareFigures } from '../../components/goalFigures';
import { GoalLink } from '../../components/links';
import { Loading } from '../../components/ViewState';
import { formatNumber, formatShare, reasonLabel, titleCase } from '../../format';
import type { OverviewQuery } from '../../gql/graphql';

const GoalSharesChart = lazy(() => import('../../charts/GoalSharesChart'));

type Alignment = OverviewQuery['alignment'];

/** A row of the table: a goal, or an unaligned bucket (no horizon, target, reach or progress). */
interface Row extends ShareFigures {
  id: string;
  name: ReactNode;
  percentTestId: string;
  horizon: string;
  reach: number | null;
  effort: number;
  progress: number | null;
  props: RowProps;
}

/** Each goal's share of the effort in scope against its target: the chart, then the numbers. */
export function GoalSharesSection({
  alignment,
  unit,
  query,
  onSelectGoal,
}: {
  alignment: Pick<Alignment, 'totalEffort' | 'goals' | 'unaligned'>;
  unit: string;
  /** the filters, carried along the links to the gaps */
  query: string;
  onSelectGoal: (key: string) => void;
}) {
  const rows: Row[] = [
    ...alignment.goals.map((g) => ({
      id: g.goal.id,
      name: <GoalLink goal={g.goal} />,
      percentTestId: `goal-percent-${g.goal.key}`,
      horizon: titleCase(g.goal.horizon),
      percent: g.percent,
      targetShare: g.targetShare,
      gap: g.gap,
      reach: g.reach,
      effort: g.effort,
      progress: g.goal.progress,
      props: { 'data-goal': g.goal.key },
    })),
    ...alignment.unaligned.map((u) => ({
      id: u.reason,
      name: <Link to={`/gaps${query}#${u.reason}`}>Unaligned: {reasonLabel(u.reason)}</Link>,
      percentTestId: `unaligned-percent-${u.reason}`,
      horizon: '—',
      percent: u.percent,
      targetShare: null,
      gap: null,
      reach: null,
      effort: u.effort,
      progress: null,
      props: { className: 'unaligned-row' },
    })),
  ];
  const columns: Column<Row>[] = [
    { header: 'Goal', cell: (r) => r.name },
    { header: 'Horizon', cell: (r) => r.horizon },
    ...shareColumns<Row>({ markGap: true, percentTestId: (r) => r.percentTestId }),
    {
      header: 'Reach',
      num: true,
      title: 'effort whose tickets reach the goal by any path',
      cell: (r) => formatShare(r.reach),
    },
    { header: `Effort (${unit})`, num: true, cell: (r) => formatNumber(r.effort) },
    { header: 'Objective progress', num: true, cell: (r) => formatShare(r.progress) },
  ];

  return (
    <Card headingId="goals-heading" title="Goals: share of current effort against target">
      {alignment.totalEffort === 0 && (
        <p className="muted">No tickets in this scope: every share is 0.</p>
      )}
      <Suspense fallback={<Loading label="Loading chart" />}>
        <GoalSharesChart
          goals={alignment.goals.map((g) => ({
            key: g.goal.key,
            title: g.goal.title,
            share: g.share,
            percent: g.percent,
            targetShare: g.targetShare,
            gap: g.gap,
          }))}
          onSelect={onSelectGoal}
        />
      </Suspense>
      <FiguresTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowProps={(r) => r.props}
        caption="Each goal's share of the effort in scope"
        wrap
        testId="goals-table"
      />
    </Card>
  );
}
