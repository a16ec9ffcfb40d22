import { formatNumber } from '../../format';
import type { PlanningSessionQuery } from '../../gql/graphql';

type TeamCapacity = PlanningSessionQuery['planningSession']['capacity'][number];

/**
 * Capacity vs demand per team (numbers from the API's `capacity`): the bar is the demand in MoSCoW
 * order, one segment per initiative, the line is where capacity runs out (the cut line). Sprints
 * are the API's sprint equivalents: dated sprints by their share of days in the cycle, plus those
 * its cadence expects where no sprint is dated yet.
 */
export function CapacityBars({ teams }: { teams: TeamCapacity[] }) {
  if (teams.length === 0) return <p className="muted">No team has sprints or initiatives here.</p>;
  return (
    <ul className="capacity-list">
      {teams.map((t) => {
        const scale = Math.max(t.capacity, t.demand, 1);
        return (
          <li key={t.team.id} data-testid={`capacity-${t.team.key}`}>
            <div className="capacity-head">
              <strong>{t.team.name}</strong>{' '}
              <span className="muted">
                demand {formatNumber(t.demand)} of capacity {formatNumber(t.capacity)} points (
                {formatNumber(t.capacityPerSprint)} x {formatNumber(t.sprintEquivalents)} sprints
                {t.expectedSprints > 0
                  ? `, ${formatNumber(t.expectedSprints)} of them expected by cadence`
                  : ''}
                )
              </span>{' '}
              {t.overCommitted ? (
                <span className="badge bad">over-committed</span>
              ) : (
                <span className="badge ok">fits</span>
              )}
            </div>
            <div
              className="capacity-bar"
              role="img"
              aria-label={`${t.team.name}: demand ${formatNumber(t.demand)} against capacity ${formatNumber(t.capacity)}`}
            >
              {t.lines.map((l) => (
                <span
                  key={l.initiative.id}
                  className={`capacity-segment ${l.aboveCut ? 'in' : 'cut'} prio-${l.priority}`}
                  style={{ width: `${(l.demand / scale) * 100}%` }}
                  title={`${l.initiative.key} ${l.initiative.title}: ${formatNumber(l.demand)} (${l.priority})`}
                />
              ))}
              <span
                className="capacity-cut"
                style={{ left: `${(t.capacity / scale) * 100}%` }}
                aria-hidden="true"
              />
            </div>
            <ol className="capacity-lines">
              {t.lines.map((l) => (
                <li key={l.initiative.id} className={l.aboveCut ? '' : 'below-cut'}>
                  <span className="key">{l.initiative.key}</span> {l.initiative.title}{' '}
                  <span className="muted">
                    {l.priority} · {formatNumber(l.demand)} · cumulative{' '}
                    {formatNumber(l.cumulative)}
                    {l.aboveCut ? '' : ' · below the cut line'}
                  </span>
                </li>
              ))}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}
