import { Card } from '../../components/Card';
import { FiguresTable, type Column } from '../../components/FiguresTable';
import { formatNumber } from '../../format';
import type { OverviewQuery } from '../../gql/graphql';
import { CheckInControls } from '../checkins/CheckInControls';

type Goal = OverviewQuery['alignment']['goals'][number]['goal'];
type Row = Goal['kpis'][number] & { goalTitle: string };

/** Each goal's KPIs: the current reading against the healthy range, and a check-in. */
export function KpiSection({ goals, onCheckedIn }: { goals: Goal[]; onCheckedIn: () => void }) {
  const rows: Row[] = goals.flatMap((g) => g.kpis.map((k) => ({ ...k, goalTitle: g.title })));
  const columns: Column<Row>[] = [
    { header: 'Goal', cell: (k) => k.goalTitle },
    { header: 'KPI', rowHeader: true, cell: (k) => k.title },
    {
      header: 'Current',
      num: true,
      cell: (k) => (
        <>
          {formatNumber(k.current)} {k.unit}
        </>
      ),
    },
    { header: 'Healthy range', cell: (k) => healthyRange(k.healthyMin, k.healthyMax, k.unit) },
    {
      header: 'Health',
      cell: (k) => (
        <span className={`badge ${k.healthy === null ? '' : k.healthy ? 'ok' : 'bad'}`}>
          {k.healthy === null ? 'no reading' : k.healthy ? 'healthy' : 'out of range'}
        </span>
      ),
    },
    {
      header: 'Check-ins',
      cell: (k) => (
        <CheckInControls
          target={{
            kind: 'kpi',
            id: k.id,
            key: k.key,
            title: k.title,
            unit: k.unit,
            current: k.current,
          }}
          onCheckedIn={onCheckedIn}
        />
      ),
    },
  ];
  return (
    <Card headingId="kpi-heading" title="KPIs by goal">
      <FiguresTable columns={columns} rows={rows} rowKey={(k) => k.id} wrap testId="kpi-table" />
    </Card>
  );
}

function healthyRange(min: number | null, max: number | null, unit: string): string {
  const u = unit ? ` ${unit}` : '';
  if (min !== null && max !== null) return `${formatNumber(min)} – ${formatNumber(max)}${u}`;
  if (min !== null) return `≥ ${formatNumber(min)}${u}`;
  if (max !== null) return `≤ ${formatNumber(max)}${u}`;
  return 'no range';
}
