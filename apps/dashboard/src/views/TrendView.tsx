import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { TrendChart } from '../charts/TrendChart';
import { QueryState } from '../components/ViewState';
import { useFilters } from '../filters/scope';
import { formatPercent, formatShare } from '../format';
import { graphql } from '../gql';
import { trendLabel } from './trendLabel';

const Trend = graphql(`
  query Trend($teamKeys: [String!], $last: Int!, $measure: Measure!) {
    alignmentTrend(teamKeys: $teamKeys, last: $last, measure: $measure) {
      live
      recomputed
      period {
        start
        end
      }
      sprint {
        key
        name
        startDate
        team {
          name
        }
      }
      sprints {
        key
        name
      }
      report {
        alignedShare
        totalEffort
        goals {
          share
          percent
          targetShare
          goal {
            key
            title
          }
        }
      }
    }
  }
`);

const LAST_CHOICES = [4, 6, 8, 12, 26];

/**
 * Each goal's share per point over the last points, with its target as a line. For
 * one team a point is a sprint; for several (the default: every team) a period of the
 * organization's cadence holding the teams' sprints, labelled by its dates.
 */
export default function TrendView() {
  const { filters } = useFilters();
  const byPeriod = filters.teamKeys.length !== 1;
  const unit = byPeriod ? 'Periods' : 'Sprints';
  const [params, setParams] = useSearchParams();
  const last = LAST_CHOICES.includes(Number(params.get('last'))) ? Number(params.get('last')) : 6;
  const [result, refetch] = useQuery({
    query: Trend,
    variables: {
      teamKeys: filters.teamKeys.length ? filters.teamKeys : null,
      last,
      measure: filters.measure,
    },
  });
  return (
    <>
      <h1>Trend</h1>
      <div className="toolbar">
        <label>
          {unit} shown{' '}
          <select
            value={last}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('last', e.target.value);
              setParams(next);
            }}
          >
            {LAST_CHOICES.map((n) => (
              <option key={n} value={n}>
                last {n}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {filters.teamKeys.length ? `Teams ${filters.teamKeys.join(', ')}` : 'Every team'} ·{' '}
          {filters.measure === 'COUNT' ? 'ticket count' : 'story points'} (the trend ignores the
          sprint and cycle filters)
        </span>
      </div>
      <QueryState
        result={result}
        retry={() => refetch({ requestPolicy: 'network-only' })}
        what="the trend"
      >
        {({ alignmentTrend: points }) => {
          if (points.length === 0) return <p className="muted">No sprints yet.</p>;
          const labels = points.map((p) => trendLabel(p, byPeriod));
          const goals = points[points.length - 1].report.goals;
          return (
            <>
              <div className="grid trend-grid">
                {goals.map((g, index) => (
                  <section
                    key={g.goal.key}
                    className="card"
                    aria-label={`Trend of ${g.goal.title}`}
                  >
                    <h2>
                      <span className="key">{g.goal.key}</span> {g.goal.title}
                    </h2>
                    <TrendChart
                      title={g.goal.title}
                      sprints={labels}
                      shares={points.map(
                        (p) => p.report.goals.find((x) => x.goal.key === g.goal.key)?.share ?? null,
                      )}
                      targetShare={g.targetShare}
                      colorIndex={index}
                    />
                  </section>
                ))}
              </div>
              <section className="card" aria-labelledby="trend-table-heading">
                <h2 id="trend-table-heading">The numbers</h2>
                <div className="table-wrap">
                  <table data-testid="trend-table">
                    <thead>
                      <tr>
                        <th scope="col">{byPeriod ? 'Period' : 'Sprint'}</th>
                        <th scope="col" className="num">
                          Aligned
                        </th>
                        {goals.map((g) => (
                          <th key={g.goal.key} scope="col" className="num">
                            {g.goal.key}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {points.map((p, i) => (
                        <tr key={p.period.end}>
                          <th scope="row" title={p.sprints.map((x) => x.name).join(', ')}>
                            {labels[i]}
                          </th>
                          <td className="num">{formatShare(p.report.alignedShare)}</td>
                          {goals.map((g) => {
                            const found = p.report.goals.find((x) => x.goal.key === g.goal.key);
                            return (
                              <td key={g.goal.key} className="num">
                                {found ? formatPercent(found.percent) : '—'}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
