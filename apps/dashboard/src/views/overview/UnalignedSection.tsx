import { Link } from 'react-router';
import { ListCard } from '../../components/ListCard';
import { formatEffort, formatPercent, reasonHelp, reasonLabel } from '../../format';
import type { Measure, OverviewQuery } from '../../gql/graphql';

/** The effort that reaches no goal, by reason, each linking to its tickets in the gaps. */
export function UnalignedSection({
  unaligned,
  measure,
  query,
}: {
  unaligned: OverviewQuery['alignment']['unaligned'];
  measure: Measure;
  query: string;
}) {
  return (
    <ListCard
      headingId="unaligned-heading"
      title="Unaligned work"
      items={unaligned}
      itemKey={(u) => u.reason}
      empty="Every ticket in scope reaches a goal."
      listClassName="buckets"
    >
      {(u) => (
        <>
          <Link to={`/gaps${query}#${u.reason}`}>
            <strong>{reasonLabel(u.reason)}</strong>
          </Link>{' '}
          <span className="num">{formatPercent(u.percent)}</span>
          <span className="muted">
            {' '}
            · {formatEffort(u.effort, measure)} · {u.ticketCount} tickets · {reasonHelp(u.reason)}
          </span>
        </>
      )}
    </ListCard>
  );
}
