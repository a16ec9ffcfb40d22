import { Card } from '../../components/Card';
import { FiguresTable, type Column } from '../../components/FiguresTable';
import { shareColumns } from '../../components/goalFigures';
import { GoalLink } from '../../components/links';
import type { GoalFiguresFragment } from '../../gql/graphql';

const COLUMNS: Column<GoalFiguresFragment>[] = [
  { header: 'Goal', cell: (d) => <GoalLink goal={d.goal}>{d.goal.title}</GoalLink> },
  ...shareColumns<GoalFiguresFragment>(),
];

/** Goals whose share is off their target by the drift threshold or more. */
export function DriftSection({ drift }: { drift: GoalFiguresFragment[] }) {
  return (
    <Card headingId="drift-heading" title="Drift from target">
      {drift.length === 0 ? (
        <p className="muted">No goal drifts beyond the threshold.</p>
      ) : (
        <FiguresTable columns={COLUMNS} rows={drift} rowKey={(d) => d.goal.key} compact />
      )}
    </Card>
  );
}
