import { useEffect } from 'react';
import { useQuery } from 'urql';
import { QueryState } from '../../components/ViewState';
import { formatDateTime, formatNumber, titleCase } from '../../format';
import type { Confidence } from '../../gql/graphql';
import { KeyResultCheckIns, KpiCheckIns } from './operations';
import type { CheckInTarget } from './CheckInControls';

interface Point {
  id: string;
  value: number;
  confidence?: Confidence;
  note: string;
  createdAt: string;
  author?: { name: string } | null;
}

/** The last 26 check-ins of a key result or KPI: a small chart, oldest to newest, and a list. */
export function CheckInHistory({ target, revision }: { target: CheckInTarget; revision: number }) {
  const [krResult, refetchKr] = useQuery({
    query: KeyResultCheckIns,
    variables: { key: target.key },
    pause: target.kind !== 'keyResult',
  });
  const [kpiResult, refetchKpi] = useQuery({
    query: KpiCheckIns,
    variables: { key: target.key },
    pause: target.kind !== 'kpi',
  });
  const refetch = target.kind === 'keyResult' ? refetchKr : refetchKpi;
  // one shape for both: the check-ins, newest first
  const source = target.kind === 'keyResult' ? krResult : kpiResult;
  const nodes: Point[] | undefined =
    target.kind === 'keyResult'
      ? krResult.data && (krResult.data.keyResult?.checkIns.nodes ?? [])
      : kpiResult.data && (kpiResult.data.kpi?.checkIns.nodes ?? []);
  const result = { fetching: source.fetching, error: source.error, data: nodes };
  // a check-in just saved (a new revision) shows at once, not from the cache
  useEffect(() => {
    if (revision > 0) refetch({ requestPolicy: 'network-only' });
  }, [revision, refetch]);
  return (
    <QueryState
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
      what="check-ins"
    >
      {(nodes) => {
        if (nodes.length === 0) return <p className="muted">No check-in yet.</p>;
        const points = [...nodes].reverse();
        return (
          <div className="check-in-history">
            <Sparkline points={points} label={`${target.key} check-ins`} />
            <ol className="check-in-list" reversed>
              {nodes.slice(0, 5).map((c) => (
                <li key={c.id}>
                  <span className="num">{formatNumber(c.value)}</span>{' '}
                  {c.confidence && (
                    <span className={`badge confidence ${c.confidence}`}>
                      {titleCase(c.confidence)}
                    </span>
                  )}{' '}
                  <span className="muted">
                    {formatDateTime(c.createdAt)}
                    {c.author ? ` · ${c.author.name}` : ''}
                  </span>
                  {c.note && <span className="note"> {c.note}</span>}
                </li>
              ))}
            </ol>
          </div>
        );
      }}
    </QueryState>
  );
}

const WIDTH = 240;
const HEIGHT = 56;
const PAD = 6;

/**
 * Values over time as a line, each check-in a dot in its confidence's colour (drawn in SVG: a
 * chart library is too much for 26 points, and the dashboard's first load stays small).
 */
export function Sparkline({ points, label }: { points: Point[]; label: string }) {
  const times = points.map((p) => new Date(p.createdAt).getTime());
  const values = points.map((p) => p.value);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) =>
    t1 === t0 ? WIDTH / 2 : PAD + ((t - t0) / (t1 - t0)) * (WIDTH - 2 * PAD);
  const y = (v: number) =>
    v1 === v0 ? HEIGHT / 2 : HEIGHT - PAD - ((v - v0) / (v1 - v0)) * (HEIGHT - 2 * PAD);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(times[i])},${y(p.value)}`).join(' ');
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={`${label}: ${points.length} from ${formatNumber(values[0])} to ${formatNumber(values.at(-1)!)}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
    >
      <path d={path} fill="none" className="sparkline-line" />
      {points.map((p, i) => (
        <circle
          key={p.id}
          cx={x(times[i])}
          cy={y(p.value)}
          r={3.5}
          className={`sparkline-dot ${p.confidence ?? 'none'}`}
          data-confidence={p.confidence ?? ''}
        >
          <title>
            {`${formatDateTime(p.createdAt)}: ${formatNumber(p.value)}${p.confidence ? ` (${titleCase(p.confidence)})` : ''}`}
          </title>
        </circle>
      ))}
    </svg>
  );
}
