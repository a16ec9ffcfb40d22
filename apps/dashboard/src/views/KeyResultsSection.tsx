import { useEffect } from 'react';
import { useQuery, useSubscription } from 'urql';
import { useCanEditLinks } from '../auth/role';
import { Card } from '../components/Card';
import { KeyTitle } from '../components/KeyTitle';
import { Loading, QueryState } from '../components/ViewState';
import { formatNumber, formatShare, titleCase } from '../format';
import { graphql } from '../gql';
import {
  AuthoringScope,
  LazyKeyResultControls,
  LazyObjectiveControls,
  LazyUndoButton,
} from './authoring/OverviewAuthoring';
import { CheckInControls } from './checkins/CheckInControls';
import { PlanChanged } from './planning/operations';

const ActiveCycle = graphql(`
  query ActiveCycle {
    cycles(first: 1, state: ACTIVE) {
      nodes {
        key
        name
      }
    }
  }
`);

const KeyResults = graphql(`
  query KeyResults($cycleKey: String!) {
    objectives(cycleKey: $cycleKey, status: ACTIVE, first: 200) {
      nodes {
        id
        key
        title
        progress
        status
        version
        team {
          name
        }
        keyResults {
          id
          key
          title
          version
          progress
          confidence
          current
          target
          unit
        }
      }
    }
  }
`);

/**
 * Key result progress with the latest check-in's confidence, by objective, for the cycle. EDITOR
 * and above edit, archive and add key results beside each objective (with Undo); a change to the
 * cycle's plan by anyone reads the list again.
 */
export function KeyResultsSection({ cycleKey }: { cycleKey: string | null }) {
  const canEdit = useCanEditLinks();
  if (!canEdit) return <KeyResultsCard cycleKey={cycleKey} canEdit={false} />;
  // Not the read-only card while the authoring code loads: a check-in form opened in it would
  // vanish when the editing card replaces it.
  return (
    <AuthoringScope fallback={<Loading label="Loading key results" />}>
      <KeyResultsCard cycleKey={cycleKey} canEdit />
    </AuthoringScope>
  );
}

function KeyResultsCard({ cycleKey, canEdit }: { cycleKey: string | null; canEdit: boolean }) {
  const [active] = useQuery({ query: ActiveCycle, pause: cycleKey !== null });
  const cycle = cycleKey ?? active.data?.cycles.nodes[0]?.key ?? null;
  const [result, refetch] = useQuery({
    query: KeyResults,
    variables: { cycleKey: cycle ?? '' },
    pause: cycle === null,
  });
  const [changes] = useSubscription(
    { query: PlanChanged, variables: { cycleKey: cycle ?? '' }, pause: cycle === null },
    (count: number | undefined) => (count ?? 0) + 1,
  );
  const changeCount = changes.data ?? 0;
  useEffect(() => {
    if (changeCount > 0) refetch({ requestPolicy: 'network-only' });
  }, [changeCount, refetch]);
  return (
    <Card headingId="kr-heading" title={`Key results${cycle ? ` of ${cycle}` : ''}`}>
      {canEdit && cycle !== null && <LazyUndoButton />}
      {cycle === null && active.data ? (
        <p className="muted">No active cycle: choose a cycle in the filters.</p>
      ) : (
        <QueryState
          result={cycle === null ? { fetching: true } : result}
          retry={() => refetch({ requestPolicy: 'network-only' })}
          what="key results"
        >
          {({ objectives }) =>
            objectives.nodes.length === 0 ? (
              <p className="muted">No active objectives in this cycle.</p>
            ) : (
              <div className="objectives">
                {objectives.nodes.map((o) => (
                  <div key={o.id} className="objective">
                    <h3>
                      <KeyTitle item={o} />{' '}
                      <span className="muted">
                        {o.team ? o.team.name : 'Company'} · progress {formatShare(o.progress)}
                      </span>
                    </h3>
                    {canEdit && <LazyObjectiveControls objective={o} />}
                    <ul className="krs">
                      {o.keyResults.map((kr) => (
                        <li key={kr.id}>
                          <span className="kr-title">
                            <KeyTitle item={kr} />
                          </span>
                          <meter
                            min={0}
                            max={1}
                            low={0.3}
                            high={0.7}
                            optimum={1}
                            value={kr.progress}
                            aria-label={`${kr.title} progress`}
                          />
                          <span className="num">{formatShare(kr.progress)}</span>
                          <span className="muted num">
                            {formatNumber(kr.current)} / {formatNumber(kr.target)} {kr.unit}
                          </span>
                          <span className={`badge confidence ${kr.confidence ?? 'none'}`}>
                            {kr.confidence ? titleCase(kr.confidence) : 'No check-in'}
                          </span>
                          <CheckInControls
                            target={{
                              kind: 'keyResult',
                              id: kr.id,
                              key: kr.key,
                              title: kr.title,
                              unit: kr.unit,
                              current: kr.current,
                              confidence: kr.confidence,
                            }}
                            onCheckedIn={() => refetch({ requestPolicy: 'network-only' })}
                          />
                          {canEdit && <LazyKeyResultControls keyResult={kr} />}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            )
          }
        </QueryState>
      )}
    </Card>
  );
}
