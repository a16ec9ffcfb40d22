import { lazy, Suspense } from 'react';
import { Card } from '../../components/Card';
import { FiguresTable, type Column } from '../../components/FiguresTable';
import { Loading } from '../../components/ViewState';
import { formatNumber, formatShare, titleCase } from '../../format';
import type { OverviewQuery } from '../../gql/graphql';

const WorkTypeChart = lazy(() => import('../../charts/WorkTypeChart'));

type WorkType = OverviewQuery['alignment']['workTypes'][number];

/** New value against maintenance, tech debt and bugs: the chart, then the numbers. */
export function WorkTypeSection({ workTypes, unit }: { workTypes: WorkType[]; unit: string }) {
  const columns: Column<WorkType>[] = [
    { header: 'Work type', cell: (w) => titleCase(w.workType) },
    { header: 'Share', num: true, cell: (w) => formatShare(w.share) },
    { header: `Effort (${unit})`, num: true, cell: (w) => formatNumber(w.effort) },
  ];
  return (
    <Card headingId="worktype-heading" title="New value against maintenance, tech debt and bugs">
      <Suspense fallback={<Loading label="Loading chart" />}>
        <WorkTypeChart workTypes={workTypes} />
      </Suspense>
      <FiguresTable columns={columns} rows={workTypes} rowKey={(w) => w.workType} compact />
    </Card>
  );
}
