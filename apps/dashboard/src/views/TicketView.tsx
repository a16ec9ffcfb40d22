import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { Card } from '../components/Card';
import { KeyTitle } from '../components/KeyTitle';
import { GoalLink } from '../components/links';
import { QueryState } from '../components/ViewState';
import { useFilters } from '../filters/scope';
import { formatNumber, formatShare, reasonLabel, titleCase } from '../format';
import { graphql } from '../gql';

const TicketExplanation = graphql(`
  query TicketExplanation($key: String!) {
    explainTicket(key: $key) {
      counted
      ticket {
        id
        key
        title
        points
        rawStatus
        statusCategory
        type
        workType
        team {
          name
        }
        currentSprint {
          name
        }
        initiativeLinks {
          weight
          source
          initiative {
            key
            title
          }
        }
      }
      paths {
        fraction
        reason
        nodes {
          id
          kind
          key
          title
        }
      }
    }
  }
`);

const KIND: Record<string, string> = {
  initiative: 'Initiative',
  keyResult: 'Key result',
  objective: 'Objective',
  goal: 'Goal',
};

/** A ticket's paths to the goals, with the fraction of its effort along each. */
export function TicketView() {
  const { key = '' } = useParams();
  const { query } = useFilters();
  const [result, refetch] = useQuery({ query: TicketExplanation, variables: { key } });
  return (
    <>
      <p className="crumbs">
        <Link to={{ pathname: '/', search: query }}>Overview</Link> / Ticket {key}
      </p>
      <QueryState
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        what={`ticket ${key}`}
      >
        {({ explainTicket: e }) => (
          <>
            <h1>
              <KeyTitle item={e.ticket} />
            </h1>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                {e.ticket.rawStatus} ({titleCase(e.ticket.statusCategory)})
              </dd>
              <dt>Type</dt>
              <dd>
                {e.ticket.type} · {titleCase(e.ticket.workType)}
              </dd>
              <dt>Points</dt>
              <dd>{e.ticket.points === null ? 'unestimated' : formatNumber(e.ticket.points)}</dd>
              <dt>Team / sprint</dt>
              <dd>
                {e.ticket.team?.name ?? 'no team'} · {e.ticket.currentSprint?.name ?? 'no sprint'}
              </dd>
              <dt>Initiatives</dt>
              <dd>
                {e.ticket.initiativeLinks.length === 0
                  ? 'none'
                  : e.ticket.initiativeLinks.map((l, i) => (
                      <Fragment key={l.initiative.key}>
                        {i > 0 && ', '}
                        {l.initiative.key} {l.initiative.title} (weight {formatNumber(l.weight)},{' '}
                        {l.source.toLowerCase()})
                      </Fragment>
                    ))}
              </dd>
            </dl>
            {!e.counted && (
              <p className="note" role="note">
                This ticket is not counted in the alignment (a sub-task, whose parent counts, or a
                cancelled ticket).
              </p>
            )}
            <Card headingId="paths-heading" title="Paths to the goals">
              <ol className="paths" data-testid="ticket-paths">
                {e.paths.map((p, i) => (
                  <li key={i} className="path">
                    <span className="fraction" data-testid="path-fraction">
                      {formatShare(p.fraction)}
                    </span>
                    <ol className="chain" aria-label={`Path ${i + 1}`}>
                      <li>
                        <span className="kind">Ticket</span> {e.ticket.key}
                      </li>
                      {p.nodes.map((n) => (
                        <li key={n.id}>
                          <span className="kind">{KIND[n.kind] ?? n.kind}</span>{' '}
                          {n.kind === 'goal' ? (
                            <GoalLink goal={n}>
                              {n.key} {n.title}
                            </GoalLink>
                          ) : (
                            <>
                              {n.key} {n.title}
                            </>
                          )}
                        </li>
                      ))}
                      {p.reason && (
                        <li className="stop">
                          <span className="kind">Stops</span> {reasonLabel(p.reason)}
                        </li>
                      )}
                    </ol>
                  </li>
                ))}
              </ol>
            </Card>
          </>
        )}
      </QueryState>
    </>
  );
}
