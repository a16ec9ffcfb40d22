import { useQuery } from 'urql';
import { QueryState } from '../../../components/ViewState';
import { formatGap, formatNumber, formatShare } from '../../../format';
import type { CompareScenariosQuery } from '../../../gql/graphql';
import { CompareScenarios } from './operations';

type Column = CompareScenariosQuery['compareScenarios']['columns'][number];

/** "+4.2 pts" against the live plan; nothing in the plan's own column. */
function delta(value: number, isPlan: boolean) {
  if (isPlan) return null;
  return <span className="muted"> ({formatGap(value)} vs plan)</span>;
}

/** Where a team's demand outruns its capacity: the first initiative below the line. */
function cutLine(team: Column['capacity'][number]) {
  const first = team.lines.find((l) => !l.aboveCut);
  return first ? `cut at ${first.initiative.key}` : 'nothing cut';
}

/**
 * The live plan and the chosen scenarios side by side, as the API computes them (the same
 * functions as the projection): goal shares against targets, the horizon mix, and each team's
 * capacity, demand and cut line, with every scenario's difference from the plan.
 */
export function ScenarioCompare({
  cycleKey,
  scenarioIds,
}: {
  cycleKey: string;
  scenarioIds: string[];
}) {
  const [result, refetch] = useQuery({
    query: CompareScenarios,
    variables: { cycleKey, scenarioIds },
  });
  return (
    <QueryState
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
      what="the comparison"
    >
      {({ compareScenarios: { columns } }) => {
        const goals = columns[0].projected.goals;
        const horizons = columns[0].projected.horizons;
        const teams = [
          ...new Map(columns.flatMap((c) => c.capacity.map((t) => [t.team.id, t.team]))).values(),
        ].sort((a, b) => a.key.localeCompare(b.key));
        return (
          <div className="table-wrap">
            <table aria-label="Scenario comparison" data-testid="scenario-comparison">
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  {columns.map((c) => (
                    <th key={c.label} scope="col" className="num">
                      {c.label === 'plan' && !c.scenario ? 'Plan' : c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {goals.map((g, n) => (
                  <tr key={g.goal.id}>
                    <th scope="row">
                      {g.goal.title}{' '}
                      <span className="muted">(target {formatShare(g.targetShare)})</span>
                    </th>
                    {columns.map((c) => (
                      <td
                        key={c.label}
                        className="num"
                        aria-label={`${g.goal.key} share in ${c.scenario ? c.label : 'the plan'}`}
                      >
                        {formatShare(c.projected.goals[n].share)}
                        {delta(c.shareDeltas[n], !c.scenario)}
                      </td>
                    ))}
                  </tr>
                ))}
                {horizons.map((h, n) => (
                  <tr key={h.horizon}>
                    <th scope="row">
                      Horizon {h.horizon.toLowerCase()}
                      {h.targetShare !== null && (
                        <span className="muted"> (target {formatShare(h.targetShare)})</span>
                      )}
                    </th>
                    {columns.map((c) => (
                      <td key={c.label} className="num">
                        {formatShare(c.projected.horizons[n]?.share ?? 0)}
                        {delta(c.horizonDeltas[n] ?? 0, !c.scenario)}
                      </td>
                    ))}
                  </tr>
                ))}
                {teams.map((team) => (
                  <tr key={team.id}>
                    <th scope="row">Team {team.name}: demand / capacity</th>
                    {columns.map((c) => {
                      const row = c.capacity.find((t) => t.team.id === team.id);
                      return (
                        <td
                          key={c.label}
                          className="num"
                          aria-label={`Team ${team.key} in ${c.scenario ? c.label : 'the plan'}`}
                        >
                          {row
                            ? `${formatNumber(row.demand)} / ${formatNumber(row.capacity)}, ${cutLine(row)}${row.overCommitted ? ' (over capacity)' : ''}`
                            : 'nothing planned'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr>
                  <th scope="row">Planned points</th>
                  {columns.map((c) => (
                    <td key={c.label} className="num">
                      {formatNumber(c.plannedEffort)}
                      {c.unestimatedInitiatives.length > 0 && (
                        <span className="muted">
                          {' '}
                          (unestimated: {c.unestimatedInitiatives.map((i) => i.key).join(', ')})
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        );
      }}
    </QueryState>
  );
}
