import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { QueryState } from '../components/ViewState';
import { useFilters } from '../filters/scope';
import { effortUnit, formatEffort, formatNumber, formatShare, titleCase } from '../format';
import { graphql } from '../gql';
import type { GoalExplanationQuery } from '../gql/graphql';
import { useLiveAlignment } from '../graphql/useLiveAlignment';
import { ScopeSummary } from './ScopeSummary';

const GoalExplanation = graphql(`
  query GoalExplanation($key: String!, $scope: AlignmentScopeInput) {
    explainGoal(key: $key, scope: $scope, first: 50) {
      effort
      share
      ticketCount
      goal {
        id
        key
        title
        description
        horizon
        targetShare
        progress
      }
      objectives {
        effort
        share
        node {
          id
          key
          title
        }
      }
      keyResults {
        effort
        share
        node {
          id
          key
          title
        }
      }
      initiatives {
        effort
        share
        node {
          id
          key
          title
        }
      }
      tickets {
        effort
        ticket {
          id
          key
          title
          points
          statusCategory
          workType
          team {
            name
          }
        }
      }
    }
  }
`);

type Contribution = GoalExplanationQuery['explainGoal']['objectives'][number];

/** Where a goal's effort comes from (objectives, key results, initiatives, tickets). */
export function GoalView() {
  const { key = '' } = useParams();
  const { filters, scope, query } = useFilters();
  const [result, refetch] = useQuery({ query: GoalExplanation, variables: { key, scope } });
  const live = useLiveAlignment(refetch);
  const unit = effortUnit(filters.measure);
  return (
    <>
      <p className="crumbs">
        <Link to={{ pathname: '/', search: query }}>Overview</Link> / Goal {key}
      </p>
      <QueryState
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        what={`goal ${key}`}
      >
        {({ explainGoal: g }) => (
          <>
            <h1>
              <span className="key">{g.goal.key}</span> {g.goal.title}
            </h1>
            <ScopeSummary filters={filters} updatedAt={live.updatedAt} />
            <section className="cards" aria-label="Goal summary">
              <div className="card stat">
                <span className="stat-label">Share of effort</span>
                <span className="stat-value" data-testid="goal-share">
                  {formatShare(g.share)}
                </span>
                <span className="muted">target {formatShare(g.goal.targetShare)}</span>
              </div>
              <div className="card stat">
                <span className="stat-label">Effort</span>
                <span className="stat-value">{formatEffort(g.effort, filters.measure)}</span>
                <span className="muted">from {g.ticketCount} tickets</span>
              </div>
              <div className="card stat">
                <span className="stat-label">Objective progress</span>
                <span className="stat-value">{formatShare(g.goal.progress)}</span>
                <span className="muted">{titleCase(g.goal.horizon)} horizon</span>
              </div>
            </section>
            {g.goal.description && <p>{g.goal.description}</p>}
            <div className="grid">
              <ContributionTable title="Objectives" rows={g.objectives} unit={unit} />
              <ContributionTable title="Key results" rows={g.keyResults} unit={unit} />
              <ContributionTable title="Initiatives" rows={g.initiatives} unit={unit} />
            </div>
            <section className="card" aria-labelledby="tickets-heading">
              <h2 id="tickets-heading">
                Tickets{' '}
                <span className="muted">
                  (the {g.tickets.length} largest of {g.ticketCount})
                </span>
              </h2>
              {g.tickets.length === 0 ? (
                <p className="muted">No ticket in scope sends effort to this goal.</p>
              ) : (
                <div className="table-wrap">
                  <table data-testid="goal-tickets">
                    <thead>
                      <tr>
                        <th scope="col">Ticket</th>
                        <th scope="col">Team</th>
                        <th scope="col">Status</th>
                        <th scope="col">Work type</th>
                        <th scope="col" className="num">
                          Points
                        </th>
                        <th scope="col" className="num">
                          Effort to this goal ({unit})
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {g.tickets.map(({ ticket, effort }) => (
                        <tr key={ticket.id}>
                          <th scope="row">
                            <Link to={`/tickets/${encodeURIComponent(ticket.key)}${query}`}>
                              <span className="key">{ticket.key}</span> {ticket.title}
                            </Link>
                          </th>
                          <td>{ticket.team?.name ?? '—'}</td>
                          <td>{titleCase(ticket.statusCategory)}</td>
                          <td>{titleCase(ticket.workType)}</td>
                          <td className="num">{formatNumber(ticket.points)}</td>
                          <td className="num">{formatNumber(effort)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}

function ContributionTable({
  title,
  rows,
  unit,
}: {
  title: string;
  rows: Contribution[];
  unit: string;
}) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">None in scope.</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{title.replace(/s$/, '')}</th>
              <th scope="col" className="num">
                Effort ({unit})
              </th>
              <th scope="col" className="num">
                Of the goal
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.node.id}>
                <th scope="row">
                  <span className="key">{c.node.key}</span> {c.node.title}
                </th>
                <td className="num">{formatNumber(c.effort)}</td>
                <td className="num">
                  <meter min={0} max={1} value={c.share} aria-hidden="true" />{' '}
                  {formatShare(c.share)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
