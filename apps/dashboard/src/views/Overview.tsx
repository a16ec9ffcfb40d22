import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { Loading, QueryState } from '../components/ViewState';
import { ExportButtons } from '../exports/ExportButtons';
import { useFilters } from '../filters/scope';
import {
  effortUnit,
  formatEffort,
  formatGap,
  formatNumber,
  formatPercent,
  formatShare,
  reasonHelp,
  reasonLabel,
  titleCase,
} from '../format';
import { graphql } from '../gql';
import { useLiveAlignment } from '../graphql/useLiveAlignment';
import { CheckInControls } from './checkins/CheckInControls';
import { KeyResultsSection } from './KeyResultsSection';
import { ScopeSummary } from './ScopeSummary';
import { TreeSection } from './TreeSection';

const GoalSharesChart = lazy(() => import('../charts/GoalSharesChart'));
const HorizonChart = lazy(() => import('../charts/HorizonChart'));
const WorkTypeChart = lazy(() => import('../charts/WorkTypeChart'));

const OverviewQuery = graphql(`
  query Overview($scope: AlignmentScopeInput, $cycleKey: String) {
    alignment(scope: $scope) {
      totalEffort
      alignedEffort
      alignedShare
      ticketCount
      unestimatedTickets
      goals {
        effort
        share
        percent
        reach
        targetShare
        gap
        goal {
          id
          key
          title
          horizon
          progress(cycleKey: $cycleKey)
          kpis {
            id
            key
            title
            unit
            current
            healthyMin
            healthyMax
            healthy
          }
        }
      }
      unaligned {
        reason
        effort
        share
        percent
        ticketCount
      }
      horizons {
        horizon
        effort
        share
        targetShare
      }
      workTypes {
        workType
        effort
        share
      }
    }
  }
`);

/** Alignment, balance, progress and health of the organization at a glance. */
export function Overview() {
  const { filters, scope, query } = useFilters();
  const navigate = useNavigate();
  const [result, refetch] = useQuery({
    query: OverviewQuery,
    variables: { scope, cycleKey: filters.cycleKey },
  });
  // a live source changed tickets: read the report (and the tree below) again
  const live = useLiveAlignment(refetch);
  const openGoal = (key: string) => navigate(`/goals/${encodeURIComponent(key)}${query}`);
  const unit = effortUnit(filters.measure);

  return (
    <>
      <h1>Overview</h1>
      <ScopeSummary filters={filters} updatedAt={live.updatedAt} />
      <div className="toolbar">
        <ExportButtons csvPath="/exports/overview.csv" query={query} />
      </div>
      <QueryState
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        what="the alignment report"
      >
        {({ alignment }) => (
          <>
            <section className="cards" aria-label="Summary">
              <div className="card stat">
                <span className="stat-label">Aligned share</span>
                <span className="stat-value" data-testid="aligned-share">
                  {formatShare(alignment.alignedShare)}
                </span>
                <span className="muted">of the effort in scope reaches a goal</span>
              </div>
              <div className="card stat">
                <span className="stat-label">Effort in scope</span>
                <span className="stat-value" data-testid="total-effort">
                  {formatEffort(alignment.totalEffort, filters.measure)}
                </span>
                <span className="muted">
                  {formatEffort(alignment.alignedEffort, filters.measure)} aligned
                </span>
              </div>
              <div className="card stat">
                <span className="stat-label">Tickets</span>
                <span className="stat-value" data-testid="ticket-count">
                  {formatNumber(alignment.ticketCount)}
                </span>
                <span className="muted">
                  {formatNumber(alignment.unestimatedTickets)} without points
                </span>
              </div>
            </section>

            <section className="card" aria-labelledby="goals-heading">
              <h2 id="goals-heading">Goals: share of current effort against target</h2>
              {alignment.totalEffort === 0 && (
                <p className="muted">No tickets in this scope: every share is 0.</p>
              )}
              <Suspense fallback={<Loading label="Loading chart" />}>
                <GoalSharesChart
                  goals={alignment.goals.map((g) => ({
                    key: g.goal.key,
                    title: g.goal.title,
                    share: g.share,
                    percent: g.percent,
                    targetShare: g.targetShare,
                    gap: g.gap,
                  }))}
                  onSelect={openGoal}
                />
              </Suspense>
              <div className="table-wrap">
                <table data-testid="goals-table">
                  <caption className="sr-only">Each goal's share of the effort in scope</caption>
                  <thead>
                    <tr>
                      <th scope="col">Goal</th>
                      <th scope="col">Horizon</th>
                      <th scope="col" className="num">
                        Share
                      </th>
                      <th scope="col" className="num">
                        Target
                      </th>
                      <th scope="col" className="num">
                        Gap
                      </th>
                      <th
                        scope="col"
                        className="num"
                        title="effort whose tickets reach the goal by any path"
                      >
                        Reach
                      </th>
                      <th scope="col" className="num">
                        Effort ({unit})
                      </th>
                      <th scope="col" className="num">
                        Objective progress
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {alignment.goals.map((g) => (
                      <tr key={g.goal.id} data-goal={g.goal.key}>
                        <th scope="row">
                          <Link to={`/goals/${encodeURIComponent(g.goal.key)}${query}`}>
                            <span className="key">{g.goal.key}</span> {g.goal.title}
                          </Link>
                        </th>
                        <td>{titleCase(g.goal.horizon)}</td>
                        <td className="num" data-testid={`goal-percent-${g.goal.key}`}>
                          {formatPercent(g.percent)}
                        </td>
                        <td className="num">{formatShare(g.targetShare)}</td>
                        <td className={`num ${gapClass(g.gap)}`}>{formatGap(g.gap)}</td>
                        <td className="num">{formatShare(g.reach)}</td>
                        <td className="num">{formatNumber(g.effort)}</td>
                        <td className="num">{formatShare(g.goal.progress)}</td>
                      </tr>
                    ))}
                    {alignment.unaligned.map((u) => (
                      <tr key={u.reason} className="unaligned-row">
                        <th scope="row">
                          <Link to={`/gaps${query}#${u.reason}`}>
                            Unaligned: {reasonLabel(u.reason)}
                          </Link>
                        </th>
                        <td>—</td>
                        <td className="num" data-testid={`unaligned-percent-${u.reason}`}>
                          {formatPercent(u.percent)}
                        </td>
                        <td className="num">—</td>
                        <td className="num">—</td>
                        <td className="num">—</td>
                        <td className="num">{formatNumber(u.effort)}</td>
                        <td className="num">—</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            <div className="grid">
              <section className="card" aria-labelledby="unaligned-heading">
                <h2 id="unaligned-heading">Unaligned work</h2>
                {alignment.unaligned.length === 0 ? (
                  <p className="muted">Every ticket in scope reaches a goal.</p>
                ) : (
                  <ul className="buckets">
                    {alignment.unaligned.map((u) => (
                      <li key={u.reason}>
                        <Link to={`/gaps${query}#${u.reason}`}>
                          <strong>{reasonLabel(u.reason)}</strong>
                        </Link>{' '}
                        <span className="num">{formatPercent(u.percent)}</span>
                        <span className="muted">
                          {' '}
                          · {formatEffort(u.effort, filters.measure)} · {u.ticketCount} tickets ·{' '}
                          {reasonHelp(u.reason)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section className="card" aria-labelledby="horizon-heading">
                <h2 id="horizon-heading">Horizon mix against target</h2>
                <Suspense fallback={<Loading label="Loading chart" />}>
                  <HorizonChart horizons={alignment.horizons} />
                </Suspense>
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">Horizon</th>
                      <th scope="col" className="num">
                        Current
                      </th>
                      <th scope="col" className="num">
                        Target
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {alignment.horizons.map((h) => (
                      <tr key={h.horizon}>
                        <th scope="row">{titleCase(h.horizon)}</th>
                        <td className="num">{formatShare(h.share)}</td>
                        <td className="num">{formatShare(h.targetShare)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>

              <section className="card" aria-labelledby="worktype-heading">
                <h2 id="worktype-heading">New value against maintenance, tech debt and bugs</h2>
                <Suspense fallback={<Loading label="Loading chart" />}>
                  <WorkTypeChart workTypes={alignment.workTypes} />
                </Suspense>
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">Work type</th>
                      <th scope="col" className="num">
                        Share
                      </th>
                      <th scope="col" className="num">
                        Effort ({unit})
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {alignment.workTypes.map((w) => (
                      <tr key={w.workType}>
                        <th scope="row">{titleCase(w.workType)}</th>
                        <td className="num">{formatShare(w.share)}</td>
                        <td className="num">{formatNumber(w.effort)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>

            <KeyResultsSection cycleKey={filters.cycleKey} />

            <section className="card" aria-labelledby="kpi-heading">
              <h2 id="kpi-heading">KPIs by goal</h2>
              <div className="table-wrap">
                <table data-testid="kpi-table">
                  <thead>
                    <tr>
                      <th scope="col">Goal</th>
                      <th scope="col">KPI</th>
                      <th scope="col" className="num">
                        Current
                      </th>
                      <th scope="col">Healthy range</th>
                      <th scope="col">Health</th>
                      <th scope="col">Check-ins</th>
                    </tr>
                  </thead>
                  <tbody>
                    {alignment.goals.flatMap((g) =>
                      g.goal.kpis.map((k) => (
                        <tr key={k.id}>
                          <td>{g.goal.title}</td>
                          <th scope="row">{k.title}</th>
                          <td className="num">
                            {formatNumber(k.current)} {k.unit}
                          </td>
                          <td>{healthyRange(k.healthyMin, k.healthyMax, k.unit)}</td>
                          <td>
                            <span
                              className={`badge ${k.healthy === null ? '' : k.healthy ? 'ok' : 'bad'}`}
                            >
                              {k.healthy === null
                                ? 'no reading'
                                : k.healthy
                                  ? 'healthy'
                                  : 'out of range'}
                            </span>
                          </td>
                          <td>
                            <CheckInControls
                              target={{
                                kind: 'kpi',
                                id: k.id,
                                key: k.key,
                                title: k.title,
                                unit: k.unit,
                                current: k.current,
                              }}
                              onCheckedIn={() => refetch({ requestPolicy: 'network-only' })}
                            />
                          </td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </div>
            </section>

            <TreeSection
              measure={filters.measure}
              scope={scope}
              onSelectGoal={openGoal}
              revision={live.revision}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

function gapClass(gap: number | null): string {
  if (gap === null) return '';
  return gap < 0 ? 'under' : gap > 0 ? 'over' : '';
}

function healthyRange(min: number | null, max: number | null, unit: string): string {
  const u = unit ? ` ${unit}` : '';
  if (min !== null && max !== null) return `${formatNumber(min)} – ${formatNumber(max)}${u}`;
  if (min !== null) return `≥ ${formatNumber(min)}${u}`;
  if (max !== null) return `≤ ${formatNumber(max)}${u}`;
  return 'no range';
}
