import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { useCanEditLinks } from '../auth/role';
import { QueryState } from '../components/ViewState';
import { useFilters } from '../filters/scope';
import {
  formatDateTime,
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
import { LinkForm } from './LinkForm';
import { ScopeSummary } from './ScopeSummary';

const GapsQuery = graphql(`
  query Gaps($scope: AlignmentScopeInput) {
    gaps(scope: $scope) {
      unaligned {
        reason
        effort
        ticketCount
        tickets {
          id
          key
          title
          points
          team {
            name
          }
          initiativeLinks {
            initiative {
              id
              key
              title
            }
          }
        }
      }
      unsupportedKeyResults {
        id
        key
        title
        progress
        objective {
          key
          title
        }
      }
      idleInitiatives {
        id
        key
        title
        status
        team {
          name
        }
      }
      neglectedGoals {
        id
        key
        title
        targetShare
      }
      drift {
        percent
        targetShare
        gap
        goal {
          key
          title
        }
      }
      busyNotMoving {
        id
        key
        title
        outcomeVsOutput {
          progress
          delivery
        }
      }
      staleSources {
        source
        lastSyncedAt
        stale
      }
      overdueCheckIns {
        keyResult {
          id
          key
          title
        }
        kpi {
          id
          key
          title
        }
        lastCheckInAt
        daysOverdue
      }
    }
  }
`);

const LinkTargets = graphql(`
  query LinkTargets {
    initiatives(first: 200) {
      nodes {
        id
        key
        title
      }
    }
    keyResults(first: 200) {
      nodes {
        id
        key
        title
      }
    }
  }
`);

/**
 * What serves no goal and what is stuck. An EDITOR fixes the commonest gaps here:
 * an unlinked ticket gets an initiative, an initiative without a key result gets one.
 */
export function GapsView() {
  const { filters, scope, query } = useFilters();
  const canEdit = useCanEditLinks();
  const [result, refetch] = useQuery({ query: GapsQuery, variables: { scope } });
  const live = useLiveAlignment(refetch);
  const [targets] = useQuery({ query: LinkTargets, pause: !canEdit });
  const location = useLocation();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const initiatives = (targets.data?.initiatives.nodes ?? []).map((i) => ({
    id: i.id,
    label: `${i.key} ${i.title}`,
  }));
  const keyResults = (targets.data?.keyResults.nodes ?? []).map((k) => ({
    id: k.id,
    label: `${k.key} ${k.title}`,
  }));

  // a link from the overview (#NO_INITIATIVE) scrolls to its section once it is there
  const loaded = Boolean(result.data);
  useEffect(() => {
    if (loaded && location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [loaded, location.hash]);

  return (
    <>
      <h1>Gaps</h1>
      <ScopeSummary filters={filters} updatedAt={live.updatedAt} />
      <QueryState result={result} retry={reload} what="the gaps">
        {({ gaps }) => (
          <>
            <section className="card" aria-labelledby="unaligned-gaps-heading">
              <h2 id="unaligned-gaps-heading">Unaligned tickets by reason</h2>
              {gaps.unaligned.length === 0 && (
                <p className="muted">Every ticket in scope reaches a goal.</p>
              )}
              {gaps.unaligned.map((bucket) => (
                <section
                  key={bucket.reason}
                  id={bucket.reason}
                  className="bucket"
                  aria-label={reasonLabel(bucket.reason)}
                >
                  <h3>
                    {reasonLabel(bucket.reason)}{' '}
                    <span className="muted">
                      {formatEffort(bucket.effort, filters.measure)} · {bucket.ticketCount} tickets
                      · {reasonHelp(bucket.reason)}
                    </span>
                  </h3>
                  {canEdit && bucket.reason === 'NO_KEY_RESULT' && (
                    <div className="fixes" aria-label="Link these initiatives to a key result">
                      {distinctInitiatives(bucket.tickets).map((i) => (
                        <LinkForm
                          key={i.id}
                          kind="initiative"
                          subjectId={i.id}
                          subjectLabel={i.key}
                          targetLabel="Key result"
                          targets={keyResults}
                          onLinked={reload}
                        />
                      ))}
                    </div>
                  )}
                  <ul className="items">
                    {bucket.tickets.map((t) => (
                      <li key={t.id} data-ticket={t.key}>
                        <div>
                          <Link to={`/tickets/${encodeURIComponent(t.key)}${query}`}>
                            <span className="key">{t.key}</span> {t.title}
                          </Link>{' '}
                          <span className="muted">
                            {t.team?.name ?? 'no team'} ·{' '}
                            {t.points === null ? 'unestimated' : `${formatNumber(t.points)} points`}
                            {t.initiativeLinks.length > 0 &&
                              ` · via ${t.initiativeLinks.map((l) => l.initiative.key).join(', ')}`}
                          </span>
                        </div>
                        {canEdit && bucket.reason === 'NO_INITIATIVE' && (
                          <LinkForm
                            kind="ticket"
                            subjectId={t.id}
                            subjectLabel={t.key}
                            targetLabel="Initiative"
                            targets={initiatives}
                            onLinked={reload}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </section>

            <div className="grid">
              <section className="card" aria-labelledby="unsupported-heading">
                <h2 id="unsupported-heading">Key results no initiative supports</h2>
                {gaps.unsupportedKeyResults.length === 0 ? (
                  <p className="muted">Every key result of the active cycle is supported.</p>
                ) : (
                  <ul className="items">
                    {gaps.unsupportedKeyResults.map((kr) => (
                      <li key={kr.id}>
                        <div>
                          <span className="key">{kr.key}</span> {kr.title}{' '}
                          <span className="muted">
                            {kr.objective.key} {kr.objective.title} · progress{' '}
                            {formatShare(kr.progress)}
                          </span>
                        </div>
                        {canEdit && (
                          <LinkForm
                            kind="keyResult"
                            subjectId={kr.id}
                            subjectLabel={kr.key}
                            targetLabel="Initiative"
                            targets={initiatives}
                            onLinked={reload}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section className="card" aria-labelledby="neglected-heading">
                <h2 id="neglected-heading">Neglected goals</h2>
                {gaps.neglectedGoals.length === 0 ? (
                  <p className="muted">Every active goal gets effort in this scope.</p>
                ) : (
                  <ul className="items">
                    {gaps.neglectedGoals.map((g) => (
                      <li key={g.id}>
                        <Link to={`/goals/${encodeURIComponent(g.key)}${query}`}>
                          <span className="key">{g.key}</span> {g.title}
                        </Link>{' '}
                        <span className="muted">target {formatShare(g.targetShare)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section className="card" aria-labelledby="drift-heading">
                <h2 id="drift-heading">Drift from target</h2>
                {gaps.drift.length === 0 ? (
                  <p className="muted">No goal drifts beyond the threshold.</p>
                ) : (
                  <table className="compact">
                    <thead>
                      <tr>
                        <th scope="col">Goal</th>
                        <th scope="col" className="num">
                          Share
                        </th>
                        <th scope="col" className="num">
                          Target
                        </th>
                        <th scope="col" className="num">
                          Gap
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {gaps.drift.map((d) => (
                        <tr key={d.goal.key}>
                          <th scope="row">
                            <Link to={`/goals/${encodeURIComponent(d.goal.key)}${query}`}>
                              {d.goal.title}
                            </Link>
                          </th>
                          <td className="num">{formatPercent(d.percent)}</td>
                          <td className="num">{formatShare(d.targetShare)}</td>
                          <td className="num">{formatGap(d.gap)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>

              <section className="card" aria-labelledby="idle-heading">
                <h2 id="idle-heading">Stalled initiatives</h2>
                <p className="muted">Planned or in progress, with no ticket in scope.</p>
                {gaps.idleInitiatives.length === 0 ? (
                  <p className="muted">None.</p>
                ) : (
                  <ul className="items">
                    {gaps.idleInitiatives.map((i) => (
                      <li key={i.id}>
                        <span className="key">{i.key}</span> {i.title}{' '}
                        <span className="muted">
                          {titleCase(i.status)} · {i.team?.name ?? 'no team'}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section className="card" aria-labelledby="busy-heading">
                <h2 id="busy-heading">Busy, not moving the needle</h2>
                {gaps.busyNotMoving.length === 0 ? (
                  <p className="muted">No key result is flagged.</p>
                ) : (
                  <ul className="items">
                    {gaps.busyNotMoving.map((kr) => (
                      <li key={kr.id}>
                        <span className="key">{kr.key}</span> {kr.title}{' '}
                        <span className="muted">
                          delivery {formatShare(kr.outcomeVsOutput.delivery)} · progress{' '}
                          {formatShare(kr.outcomeVsOutput.progress)}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section className="card" aria-labelledby="overdue-heading">
                <h2 id="overdue-heading">Check-ins overdue</h2>
                {gaps.overdueCheckIns.length === 0 ? (
                  <p className="muted">Every key result and KPI is checked in on time.</p>
                ) : (
                  <ul className="items" data-testid="overdue-check-ins">
                    {gaps.overdueCheckIns.map((o) => {
                      const item = (o.keyResult ?? o.kpi)!;
                      return (
                        <li key={item.id}>
                          <span className="key">{item.key}</span> {item.title}{' '}
                          <span className="badge bad">
                            {Math.floor(o.daysOverdue)}{' '}
                            {Math.floor(o.daysOverdue) === 1 ? 'day' : 'days'} overdue
                          </span>{' '}
                          <span className="muted">
                            {o.kpi ? 'KPI · ' : ''}
                            {o.lastCheckInAt
                              ? `last check-in ${formatDateTime(o.lastCheckInAt)}`
                              : 'no check-in yet'}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </section>

              <section className="card" aria-labelledby="stale-heading">
                <h2 id="stale-heading">Ticket sources</h2>
                {gaps.staleSources.length === 0 ? (
                  <p className="muted">No imported tickets yet.</p>
                ) : (
                  <ul className="items">
                    {gaps.staleSources.map((s) => (
                      <li key={s.source}>
                        {s.source}{' '}
                        <span className={`badge ${s.stale ? 'bad' : 'ok'}`}>
                          {s.stale ? 'stale' : 'fresh'}
                        </span>{' '}
                        <span className="muted">last synced {formatDateTime(s.lastSyncedAt)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}

/** The initiatives behind a bucket's tickets, each once, in the order the tickets name them. */
function distinctInitiatives(
  tickets: { initiativeLinks: { initiative: { id: string; key: string } }[] }[],
): { id: string; key: string }[] {
  const seen = new Map<string, { id: string; key: string }>();
  for (const t of tickets)
    for (const l of t.initiativeLinks) seen.set(l.initiative.id, l.initiative);
  return [...seen.values()];
}
