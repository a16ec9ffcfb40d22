import { useEffect } from 'react';
import { useQuery } from 'urql';
import { CarryForwardPanel } from './CarryForwardPanel';
import { InitiativeControls, KeyResultControls, ObjectiveControls, useChoices } from './Controls';
import { InitiativeForm } from './InitiativeForm';
import type { LinkOptions } from './LinkWeights';
import { ObjectiveForm } from './ObjectiveForm';
import { PlanAuthoring } from './operations';
import { UndoButton, UndoProvider } from './useUndoStack';

/**
 * The planning view's authoring card (loaded for EDITOR and above only, see
 * PlanAuthoringSection): a new objective, its key results, proposed initiatives, edit and archive
 * in place, carry forward (a DRAFT cycle), and Undo of the last change. `revision` counts the
 * session's live plan changes: each one reads the lists again, so another person's edit shows here.
 */
export default function PlanAuthoringCard({
  cycleKey,
  revision,
}: {
  cycleKey: string;
  revision: number;
}) {
  return (
    <UndoProvider>
      <Authoring cycleKey={cycleKey} revision={revision} />
    </UndoProvider>
  );
}

function Authoring({ cycleKey, revision }: { cycleKey: string; revision: number }) {
  const [result, refetch] = useQuery({ query: PlanAuthoring, variables: { cycleKey } });
  const choices = useChoices(false);
  useEffect(() => {
    if (revision > 0) refetch({ requestPolicy: 'network-only' });
  }, [revision, refetch]);

  const cycle = result.data?.cycle;
  if (!cycle)
    return (
      <section className="card" aria-labelledby="authoring-heading">
        <h2 id="authoring-heading">Edit the plan</h2>
        {result.error ? (
          <p role="alert">{result.error.message}</p>
        ) : (
          <p className="muted">Loading the plan…</p>
        )}
      </section>
    );

  const objectives = cycle.objectives.nodes;
  const options: LinkOptions = {
    goal: choices.goals.map((g) => ({ key: g.key, title: g.title })),
    objective: objectives.map((o) => ({ key: o.key, title: o.title })),
    keyResult: objectives.flatMap((o) => o.keyResults.map((k) => ({ key: k.key, title: k.title }))),
  };
  return (
    <section className="card authoring" aria-labelledby="authoring-heading">
      <h2 id="authoring-heading">Edit the plan</h2>
      <UndoButton />
      {cycle.state === 'ACTIVE' && (
        <p className="muted">
          {cycle.key} is locked: every change here is recorded as a scope change against its
          baseline.
        </p>
      )}

      <h3>New objective</h3>
      <ObjectiveForm cycle={cycle} teams={choices.teams} options={options} autoFocus={false} />

      <h3>Objectives of {cycle.key}</h3>
      {objectives.length === 0 ? (
        <p className="muted">No objectives yet.</p>
      ) : (
        <ul className="items" data-testid="authoring-objectives">
          {objectives.map((o) => (
            <li key={o.id} data-objective={o.key}>
              <span className="key">{o.key}</span> {o.title}
              <ObjectiveControls objective={o} options={options} />
              {o.keyResults.length > 0 && (
                <ul>
                  {o.keyResults.map((kr) => (
                    <li key={kr.id} data-key-result={kr.key}>
                      <span className="key">{kr.key}</span> {kr.title}
                      <KeyResultControls keyResult={kr} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Propose an initiative</h3>
      <InitiativeForm
        cycle={cycle}
        teams={choices.teams}
        cycles={choices.cycles}
        options={options}
        autoFocus={false}
      />

      <h3>Initiatives planned for {cycle.key}</h3>
      {cycle.initiatives.nodes.length === 0 ? (
        <p className="muted">No initiatives yet.</p>
      ) : (
        <ul className="items" data-testid="authoring-initiatives">
          {cycle.initiatives.nodes.map((i) => (
            <li key={i.id} data-initiative={i.key}>
              <span className="key">{i.key}</span> {i.title}
              <InitiativeControls initiative={i} options={options} />
            </li>
          ))}
        </ul>
      )}

      {cycle.state === 'DRAFT' && (
        <>
          <h3>Carry forward</h3>
          <CarryForwardPanel cycle={cycle} cycles={choices.allCycles} />
        </>
      )}
    </section>
  );
}
