import { formatEffort, formatNumber, formatShare } from '../../format';
import type { Measure, OverviewQuery } from '../../gql/graphql';

type Totals = Pick<
  OverviewQuery['alignment'],
  'alignedShare' | 'totalEffort' | 'alignedEffort' | 'ticketCount' | 'unestimatedTickets'
>;

/** The three headline figures: aligned share, effort in scope, tickets. */
export function SummarySection({ totals, measure }: { totals: Totals; measure: Measure }) {
  return (
    <section className="cards" aria-label="Summary">
      <div className="card stat">
        <span className="stat-label">Aligned share</span>
        <span className="stat-value" data-testid="aligned-share">
          {formatShare(totals.alignedShare)}
        </span>
        <span className="muted">of the effort in scope reaches a goal</span>
      </div>
      <div className="card stat">
        <span className="stat-label">Effort in scope</span>
        <span className="stat-value" data-testid="total-effort">
          {formatEffort(totals.totalEffort, measure)}
        </span>
        <span className="muted">{formatEffort(totals.alignedEffort, measure)} aligned</span>
      </div>
      <div className="card stat">
        <span className="stat-label">Tickets</span>
        <span className="stat-value" data-testid="ticket-count">
          {formatNumber(totals.ticketCount)}
        </span>
        <span className="muted">{formatNumber(totals.unestimatedTickets)} without points</span>
      </div>
    </section>
  );
}
