import { lazy, Suspense } from 'react';
import { Card } from '../../components/Card';
import { FiguresTable, type Column } from '../../components/FiguresTable';
import { Loading } from '../../components/ViewState';
import { formatShare, titleCase } from '../../format';
import type { OverviewQuery } from '../../gql/graphql';

const HorizonChart = lazy(() => import('../../charts/HorizonChart'));

type Horizon = OverviewQuery['alignment']['horizons'][number];

const COLUMNS: Column<Horizon>[] = [
  { header: 'Horizon', cell: (h) => titleCase(h.horizon) },
  { header: 'Current', num: true, cell: (h) => formatShare(h.share) },
  { header: 'Target', num: true, cell: (h) => formatShare(h.targetShare) },
];

/** The effort by horizon (core, adjacent, transformational) against the targets. */
export function HorizonSection({ horizons }: { horizons: Horizon[] }) {
  return (
    <Card headingId="horizon-heading" title="Horizon mix against target">
      <Suspense fallback={<Loading label="Loading chart" />}>
        <HorizonChart horizons={horizons} />
      </Suspense>
      <FiguresTable columns={COLUMNS} rows={horizons} rowKey={(h) => h.horizon} compact />
    </Card>
  );
}
