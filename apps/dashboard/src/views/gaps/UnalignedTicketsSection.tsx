import { Card } from '../../components/Card';
import { TicketLink } from '../../components/links';
import { formatEffort, formatNumber, reasonHelp, reasonLabel } from '../../format';
import type { GapsQuery, Measure } from '../../gql/graphql';
import { LinkForm } from '../LinkForm';
import type { GapFixes } from './linkTargets';

type Bucket = GapsQuery['gaps']['unaligned'][number];
type Ticket = Bucket['tickets'][number];

/**
 * The unaligned tickets, a section per reason (its id is the reason: the overview links to it).
 * An EDITOR links an unlinked ticket to an initiative, or the initiatives of a bucket to a key
 * result, right here.
 */
export function UnalignedTicketsSection({
  buckets,
  measure,
  fixes,
}: {
  buckets: Bucket[];
  measure: Measure;
  fixes: GapFixes | null;
}) {
  return (
    <Card headingId="unaligned-gaps-heading" title="Unaligned tickets by reason">
      {buckets.length === 0 && <p className="muted">Every ticket in scope reaches a goal.</p>}
      {buckets.map((bucket) => (
        <section
          key={bucket.reason}
          id={bucket.reason}
          className="bucket"
          aria-label={reasonLabel(bucket.reason)}
        >
          <h3>
            {reasonLabel(bucket.reason)}{' '}
            <span className="muted">
              {formatEffort(bucket.effort, measure)} · {bucket.ticketCount} tickets ·{' '}
              {reasonHelp(bucket.reason)}
            </span>
          </h3>
          {fixes && bucket.reason === 'NO_KEY_RESULT' && (
            <div className="fixes" aria-label="Link these initiatives to a key result">
              {distinctInitiatives(bucket.tickets).map((i) => (
                <LinkForm
                  key={i.id}
                  kind="initiative"
                  subjectId={i.id}
                  subjectLabel={i.key}
                  targetLabel="Key result"
                  targets={fixes.keyResults}
                  onLinked={fixes.onLinked}
                />
              ))}
            </div>
          )}
          <ul className="items">
            {bucket.tickets.map((t) => (
              <li key={t.id} data-ticket={t.key}>
                <div>
                  <TicketLink ticket={t} /> <TicketFacts ticket={t} />
                </div>
                {fixes && bucket.reason === 'NO_INITIATIVE' && (
                  <LinkForm
                    kind="ticket"
                    subjectId={t.id}
                    subjectLabel={t.key}
                    targetLabel="Initiative"
                    targets={fixes.initiatives}
                    onLinked={fixes.onLinked}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Card>
  );
}

/** Team, estimate, and the initiatives the ticket is linked to (when the chain breaks later). */
function TicketFacts({ ticket: t }: { ticket: Ticket }) {
  return (
    <span className="muted">
      {t.team?.name ?? 'no team'} ·{' '}
      {t.points === null ? 'unestimated' : `${formatNumber(t.points)} points`}
      {t.initiativeLinks.length > 0 &&
        ` · via ${t.initiativeLinks.map((l) => l.initiative.key).join(', ')}`}
    </span>
  );
}

/** The initiatives behind a bucket's tickets, each once, in the order the tickets name them. */
function distinctInitiatives(tickets: Ticket[]): { id: string; key: string }[] {
  const seen = new Map<string, { id: string; key: string }>();
  for (const t of tickets)
    for (const l of t.initiativeLinks) seen.set(l.initiative.id, l.initiative);
  return [...seen.values()];
}
