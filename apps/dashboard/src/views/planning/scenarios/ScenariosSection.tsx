import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { QueryState } from '../../../components/ViewState';
import type { ScenarioFieldsFragment } from '../../../gql/graphql';
import { problemOf } from './api-errors';
import { ForkScenario, PlanningScenarios, PromoteScenario } from './operations';
import { ScenarioCompare } from './ScenarioCompare';
import { ScenarioEditor } from './ScenarioEditor';

/** At most this many scenarios side by side (the API's bound). */
const MAX_COMPARED = 3;

/**
 * What-if scenarios of a DRAFT cycle's plan: fork one, edit its values in place, compare up to
 * three with the plan, promote one into the plan (confirmed inline). Reading is for everyone;
 * EDITORs and above write (the API refuses the others anyway).
 */
export function ScenariosSection({
  cycleKey,
  canEdit,
  onPromoted,
}: {
  cycleKey: string;
  canEdit: boolean;
  onPromoted: () => void;
}) {
  const [result, refetch] = useQuery({ query: PlanningScenarios, variables: { cycleKey } });
  const [reloads, setReloads] = useState(0);
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    setReloads((n) => n + 1);
  };
  const [compared, setCompared] = useState<string[]>([]);

  return (
    <section className="card" aria-labelledby="scenarios-heading">
      <h2 id="scenarios-heading">Scenarios</h2>
      <p className="muted">
        What-ifs of this plan: each is a copy of its estimates, priorities, capacities and link
        weights that you change without touching the plan, then compare or promote.
      </p>
      {canEdit && <ForkForm cycleKey={cycleKey} />}
      <QueryState result={result} retry={reload} what="the scenarios">
        {({ scenarios }) =>
          scenarios.length === 0 ? (
            <p className="muted">No scenario yet.</p>
          ) : (
            <>
              {scenarios.map((s) => (
                <section key={s.id} className="bucket" aria-label={`Scenario ${s.name}`}>
                  <h3>
                    {s.name}
                    {s.promotedAt && <span className="muted"> · promoted</span>}
                  </h3>
                  <p>
                    <label>
                      <input
                        type="checkbox"
                        checked={compared.includes(s.id)}
                        disabled={!compared.includes(s.id) && compared.length >= MAX_COMPARED}
                        onChange={(e) =>
                          setCompared((ids) =>
                            e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id),
                          )
                        }
                      />{' '}
                      Compare {s.name}
                    </label>{' '}
                    {canEdit && <Promote scenario={s} onPromoted={onPromoted} />}
                  </p>
                  <ScenarioEditor
                    key={`${s.id}-${reloads}`}
                    scenario={s}
                    canEdit={canEdit}
                    onReload={reload}
                  />
                </section>
              ))}
              {compared.length > 0 && (
                <section aria-label="Comparison">
                  <h3>Plan vs {compared.length === 1 ? 'scenario' : 'scenarios'}</h3>
                  <ScenarioCompare
                    cycleKey={cycleKey}
                    scenarioIds={scenarios.filter((s) => compared.includes(s.id)).map((s) => s.id)}
                  />
                </section>
              )}
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function ForkForm({ cycleKey }: { cycleKey: string }) {
  const [name, setName] = useState('');
  const [result, fork] = useMutation(ForkScenario);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await fork({ input: { cycleKey, name } });
    if (!answer.error) setName('');
  }
  return (
    <form className="inline-form" aria-label="Fork a scenario" onSubmit={submit}>
      <label>
        Scenario name
        <input
          value={name}
          maxLength={120}
          aria-invalid={result.error ? true : undefined}
          aria-describedby={result.error ? 'fork-error' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button type="submit" disabled={result.fetching}>
        Fork the plan
      </button>
      {result.error && (
        <span role="alert" id="fork-error">
          {problemOf(result.error).message}
        </span>
      )}
    </form>
  );
}

/** Promote, confirmed inline: the plan takes the scenario's values (CONFLICT if it moved since). */
function Promote({
  scenario,
  onPromoted,
}: {
  scenario: ScenarioFieldsFragment;
  onPromoted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [result, promote] = useMutation(PromoteScenario);
  async function confirm() {
    const answer = await promote({ id: scenario.id, expectedVersion: scenario.version });
    if (!answer.error) {
      setConfirming(false);
      onPromoted();
    }
  }
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        Promote {scenario.name}
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Confirm promoting ${scenario.name}`}>
      Make {scenario.name} the plan? Its estimates, priorities, capacities and weights replace the
      plan&apos;s.{' '}
      <button type="button" onClick={() => void confirm()} disabled={result.fetching}>
        Yes, promote {scenario.name}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {result.error && <span role="alert"> {problemOf(result.error).message}</span>}
    </span>
  );
}
