import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { Card } from '../components/Card';
import { FiguresTable, type Column } from '../components/FiguresTable';
import { KeyTitle } from '../components/KeyTitle';
import { TicketLink } from '../components/links';
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
          ...TicketSummary
          statusCategory
          workType
        }
      }
    }
  }
`);

type Contribution = GoalExplanationQuery['explainGoal']['objectives'][number];
type TicketContribution = GoalExplanationQuery['explainGoal']['tickets'][number];

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
              <KeyTitle item={g.goal} />
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
            <Card
              headingId="tickets-heading"
              title={
                <>
                  Tickets{' '}
                  <span className="muted">
                    (the {g.tickets.length} largest of {g.ticketCount})
                  </span>
                </>
              }
            >
              {g.tickets.length === 0 ? (
                <p className="muted">No ticket in scope sends effort to this goal.</p>
              ) : (
                <FiguresTable
                  columns={ticketColumns(unit)}
                  rows={g.tickets}
                  rowKey={(t) => t.ticket.id}
                  wrap
                  testId="goal-tickets"
                />
              )}
            </Card>
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
  const columns: Column<Contribution>[] = [
    { header: title.replace(/s$/, ''), cell: (c) => <KeyTitle item={c.node} /> },
    { header: `Effort (${unit})`, num: true, cell: (c) => formatNumber(c.effort) },
    {
      header: 'Of the goal',
      num: true,
      cell: (c) => (
        <>
          <meter min={0} max={1} value={c.share} aria-hidden="true" /> {formatShare(c.share)}
        </>
      ),
    },
  ];
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">None in scope.</p>
      ) : (
        <FiguresTable columns={columns} rows={rows} rowKey={(c) => c.node.id} compact />
      )}
    </section>
  );
}

/** The goal's largest tickets, with the effort each sends to it. */
function ticketColumns(unit: string): Column<TicketContribution>[] {
  return [
    { header: 'Ticket', cell: ({ ticket }) => <TicketLink ticket={ticket} /> },
    { header: 'Team', cell: ({ ticket }) => ticket.team?.name ?? '—' },
    { header: 'Status', cell: ({ ticket }) => titleCase(ticket.statusCategory) },
    { header: 'Work type', cell: ({ ticket }) => titleCase(ticket.workType) },
    { header: 'Points', num: true, cell: ({ ticket }) => formatNumber(ticket.points) },
    {
      header: `Effort to this goal (${unit})`,
      num: true,
      cell: ({ effort }) => formatNumber(effort),
    },
  ];
}
