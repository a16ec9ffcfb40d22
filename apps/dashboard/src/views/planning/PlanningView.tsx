import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useCanEditLinks } from '../../auth/role';
import { PlanAuthoringSection } from '../authoring/PlanAuthoringSection';
import { Empty, Loading, QueryState } from '../../components/ViewState';
import { ExportButtons } from '../../exports/ExportButtons';
import { formatGap, formatNumber, formatPercent, formatShare, reasonLabel } from '../../format';
import type { ProjectedFieldsFragment, PlanningSessionQuery } from '../../gql/graphql';
import { CapacityBars } from './CapacityBars';
import { Dependencies } from './Dependencies';
import { InitiativeEditor } from './InitiativeEditor';
import {
  LockCycle,
  PlanChanged,
  PlanningCycles,
  PlanningSessionQuery as SessionQuery,
  ProjectedChanged,
} from './operations';
import { PlanVsActualSection } from './PlanVsActualSection';
import { ScenariosSection } from './scenarios/ScenariosSection';

const GoalSharesChart = lazy(() => import('../../charts/GoalSharesChart'));
const HorizonChart = lazy(() => import('../../charts/HorizonChart'));

type Cycle = PlanningSessionQuery['planningSession']['cycle'];

/**
 * The planning session on the room's screen. A DRAFT cycle shows its plan by team,
 * capacity against demand and the projected alignment, live for everyone watching; an EDITOR edits
 * estimates and priorities and locks it. A locked (ACTIVE) cycle shows plan vs actual.
 */
export function PlanningView() {
  const [params, setParams] = useSearchParams();
  const [cycles] = useQuery({ query: PlanningCycles });
  const plannable = (cycles.data?.cycles.nodes ?? []).filter(
    (c) => c.state === 'DRAFT' || c.state === 'ACTIVE',
  );
  const requested = params.get('cycle');
  const cycleKey =
    requested ?? plannable.find((c) => c.state === 'DRAFT')?.key ?? plannable[0]?.key ?? null;

  const choose = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('cycle', key);
    setParams(next);
  };

  return (
    <>
      <h1>Planning</h1>
      <div className="toolbar">
        <label>
          Planning cycle{' '}
          <select value={cycleKey ?? ''} onChange={(e) => choose(e.target.value)}>
            {cycleKey && !plannable.some((c) => c.key === cycleKey) && (
              <option value={cycleKey}>{cycleKey}</option>
            )}
            {plannable.map((c) => (
              <option key={c.id} value={c.key}>
                {c.name} ({c.key}, {c.state === 'DRAFT' ? 'draft' : 'locked'})
              </option>
            ))}
          </select>
        </label>
        {cycleKey && (
          <ExportButtons
            csvPath="/exports/planning.csv"
            query={`?cycle=${encodeURIComponent(cycleKey)}`}
          />
        )}
      </div>
      {cycleKey ? (
        <PlanningSession key={cycleKey} cycleKey={cycleKey} />
      ) : cycles.data ? (
        <Empty>No DRAFT or ACTIVE cycle to plan. Create a DRAFT cycle first.</Empty>
      ) : (
        <Loading label="Loading the cycles" />
      )}
    </>
  );
}

function PlanningSession({ cycleKey }: { cycleKey: string }) {
  const canEdit = useCanEditLinks();
  const [result, refetch] = useQuery({ query: SessionQuery, variables: { cycleKey } });
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const [lock, lockCycle] = useMutation(LockCycle);
  const draft = result.data?.planningSession.cycle.state === 'DRAFT';

  // the projection as the API last pushed it: it pushes one after every change to the plan, so the
  // newest push is never older than the session read
  const [projection] = useSubscription(
    { query: ProjectedChanged, variables: { cycleKey }, pause: !draft },
    (_previous: ProjectedFieldsFragment | undefined, event) => event.projectedAlignmentChanged,
  );
  const [changes] = useSubscription(
    { query: PlanChanged, variables: { cycleKey } },
    (count: number | undefined) => (count ?? 0) + 1,
  );
  const changeCount = changes.data ?? 0;
  useEffect(() => {
    if (changeCount > 0) reload();
  }, [changeCount, reload]);

  async function doLock() {
    const answer = await lockCycle({ cycleKey });
    if (!answer.error) reload();
  }

  return (
    <QueryState result={result} retry={reload} what="the planning session">
      {({ planningSession: s }) => {
        if (s.cycle.state === 'ACTIVE')
          return (
            <>
              <PlanVsActualSection cycleKey={cycleKey} revision={changeCount} />
              <PlanAuthoringSection cycleKey={cycleKey} revision={changeCount} />
            </>
          );
        if (s.cycle.state !== 'DRAFT')
          return <Empty>{s.cycle.name} is closed: its retro is in the cycle's scores.</Empty>;
        const projected = projection.data ?? s.projected;
        return (
          <>
            <p className="muted">
              {s.cycle.name}: {s.cycle.startDate} to {s.cycle.endDate}, draft.{' '}
              <span data-testid="live-state">
                {projection.error ? 'live updates unavailable' : 'updates live'}
              </span>
            </p>
            {canEdit && (
              <p>
                <button type="button" onClick={() => void doLock()} disabled={lock.fetching}>
                  Lock {s.cycle.key}
                </button>{' '}
                <span className="muted">makes it ACTIVE and stores the plan as its baseline</span>
                {lock.error && (
                  <span role="alert">
                    {' '}
                    {lock.error.graphQLErrors.map((e) => e.message).join(' ') || lock.error.message}
                  </span>
                )}
              </p>
            )}
            <ProjectedSection projected={projected} />
            <section className="card" aria-labelledby="capacity-heading">
              <h2 id="capacity-heading">Capacity vs demand</h2>
              <CapacityBars teams={s.capacity} />
            </section>
            <PlanByTeam cycle={s.cycle} projected={projected} canEdit={canEdit} onSaved={reload} />
            <PlanAuthoringSection cycleKey={cycleKey} revision={changeCount} />
            <ScenariosSection cycleKey={s.cycle.key} canEdit={canEdit} onPromoted={reload} />
          </>
        );
      }}
    </QueryState>
  );
}

function ProjectedSection({ projected }: { projected: ProjectedFieldsFragment }) {
  // "A1 <- A3": the dependency that slipped, to read beside the goal it hurts
  const edgeOf = new Map(
    projected.atRiskDependencies.map((d) => [d.id, `${d.initiative.key} ← ${d.blockedBy.key}`]),
  );
  return (
    <section className="card" aria-labelledby="projected-heading">
      <h2 id="projected-heading">Projected alignment</h2>
      <p className="muted">
        {formatNumber(projected.totalEffort)} points planned, {formatShare(projected.alignedShare)}{' '}
        aligned
        {projected.unestimatedInitiatives.length > 0 &&
          `; without an estimate: ${projected.unestimatedInitiatives.map((i) => i.key).join(', ')}`}
      </p>
      <p data-testid="projected-at-risk">
        {projected.atRiskDependencies.length === 0
          ? 'No planned initiative waits on an at-risk dependency.'
          : `${formatNumber(projected.atRiskEffort)} points (${formatShare(projected.atRiskShare)}) wait on at-risk dependencies.`}
      </p>
      <div className="grid">
        <Suspense fallback={<Loading label="Loading chart" />}>
          <GoalSharesChart
            goals={projected.goals.map((g) => ({
              key: g.goal.key,
              title: g.goal.title,
              share: g.share,
              percent: g.percent,
              targetShare: g.targetShare,
              gap: g.gap,
            }))}
            onSelect={() => undefined}
          />
        </Suspense>
        <Suspense fallback={<Loading label="Loading chart" />}>
          <HorizonChart horizons={projected.horizons} />
        </Suspense>
      </div>
      <div className="table-wrap">
        <table data-testid="projected-table">
          <thead>
            <tr>
              <th scope="col">Goal</th>
              <th scope="col" className="num">
                Projected share
              </th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col" className="num">
                Gap
              </th>
              <th scope="col" className="num">
                Behind at-risk dependencies
              </th>
            </tr>
          </thead>
          <tbody>
            {projected.goals.map((g) => (
              <tr key={g.goal.id}>
                <th scope="row">{g.goal.title}</th>
                <td className="num" data-testid={`projected-percent-${g.goal.key}`}>
                  {formatPercent(g.percent)}
                </td>
                <td className="num">{formatShare(g.targetShare)}</td>
                <td className="num">{formatGap(g.gap)}</td>
                <td className="num" data-testid={`projected-at-risk-${g.goal.key}`}>
                  {g.atRiskEffort > 0 ? (
                    <>
                      {formatShare(g.atRiskShare)}{' '}
                      <span className="muted">
                        ({formatNumber(g.atRiskEffort)} points;{' '}
                        {g.atRiskDependencies.map((d) => edgeOf.get(d.id)).join(', ')})
                      </span>
                    </>
                  ) : (
                    formatShare(0)
                  )}
                </td>
              </tr>
            ))}
            {projected.unaligned.map((u) => (
              <tr key={u.reason}>
                <th scope="row">{reasonLabel(u.reason)}</th>
                <td className="num" data-testid={`projected-unaligned-${u.reason}`}>
                  {formatPercent(u.percent)}
                </td>
                <td className="num" />
                <td className="num" />
                <td className="num" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface TeamGroup {
  key: string;
  name: string;
  objectives: Cycle['objectives']['nodes'];
  initiatives: Cycle['initiatives']['nodes'];
}

/** The draft's objectives (with their key results) and planned initiatives, by team. */
function PlanByTeam({
  cycle,
  projected,
  canEdit,
  onSaved,
}: {
  cycle: Cycle;
  projected: ProjectedFieldsFragment;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const risks = new Map(projected.atRiskDependencies.map((d) => [d.id, d.reason]));
  const groups = new Map<string, TeamGroup>();
  const group = (team: { key: string; name: string } | null) => {
    const key = team?.key ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { key, name: team?.name ?? 'Company-wide / no team', objectives: [], initiatives: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const o of cycle.objectives.nodes) group(o.team).objectives.push(o);
  for (const i of cycle.initiatives.nodes) group(i.team).initiatives.push(i);
  const ordered = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));

  return (
    <section className="card" aria-labelledby="plan-heading">
      <h2 id="plan-heading">The plan by team</h2>
      {ordered.length === 0 && (
        <p className="muted">Nothing planned yet: carry objectives forward or plan initiatives.</p>
      )}
      {ordered.map((g) => (
        <section
          key={g.key || 'none'}
          className="bucket"
          aria-label={g.name}
          data-testid={`plan-team-${g.key || 'none'}`}
        >
          <h3>{g.name}</h3>
          {g.objectives.length > 0 && (
            <ul className="items">
              {g.objectives.map((o) => (
                <li key={o.id}>
                  <div>
                    <span className="key">{o.key}</span> {o.title}
                    {o.origin && <span className="muted"> · carried from {o.origin.key}</span>}
                  </div>
                  <ul>
                    {o.keyResults.map((kr) => (
                      <li key={kr.id}>
                        <span className="key">{kr.key}</span> {kr.title}{' '}
                        <span className="muted">progress {formatShare(kr.progress)}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {g.initiatives.length > 0 && (
            <ul className="items">
              {g.initiatives.map((i) => (
                <li key={i.id} data-initiative={i.key}>
                  <div>
                    <span className="key">{i.key}</span> {i.title}{' '}
                    <span className="muted">
                      {i.priority} ·{' '}
                      {i.estimate === null ? 'unestimated' : `${formatNumber(i.estimate)} points`}
                      {' · '}
                      {i.supports.length === 0
                        ? 'supports nothing yet'
                        : `supports ${i.supports.map((l) => l.keyResult?.key ?? l.objective?.key).join(', ')}`}
                    </span>
                  </div>
                  <Dependencies
                    initiative={i}
                    blockers={i.blockedBy}
                    risks={risks}
                    canEdit={canEdit}
                    onSaved={onSaved}
                  />
                  {canEdit && (
                    <InitiativeEditor
                      key={`${i.id}-${i.version}`}
                      initiative={i}
                      onSaved={onSaved}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
