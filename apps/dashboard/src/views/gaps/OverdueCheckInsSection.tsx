import { KeyTitle } from '../../components/KeyTitle';
import { ListCard } from '../../components/ListCard';
import { formatDateTime } from '../../format';
import type { GapsQuery } from '../../gql/graphql';

type Overdue = GapsQuery['gaps']['overdueCheckIns'][number];

/** Key results and KPIs past their check-in cadence, by how many days. */
export function OverdueCheckInsSection({ overdue }: { overdue: Overdue[] }) {
  return (
    <ListCard
      headingId="overdue-heading"
      title="Check-ins overdue"
      items={overdue}
      itemKey={(o) => item(o).id}
      empty="Every key result and KPI is checked in on time."
      testId="overdue-check-ins"
    >
      {(o) => (
        <>
          <KeyTitle item={item(o)} />{' '}
          <span className="badge bad">
            {Math.floor(o.daysOverdue)} {Math.floor(o.daysOverdue) === 1 ? 'day' : 'days'} overdue
          </span>{' '}
          <span className="muted">
            {o.kpi ? 'KPI · ' : ''}
            {o.lastCheckInAt
              ? `last check-in ${formatDateTime(o.lastCheckInAt)}`
              : 'no check-in yet'}
          </span>
        </>
      )}
    </ListCard>
  );
}

/** The key result or the KPI that is overdue (the API sets exactly one). */
const item = (o: Overdue) => (o.keyResult ?? o.kpi)!;
