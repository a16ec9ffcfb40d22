import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from 'urql';
import type { Priority, ScenarioFieldsFragment, UpdateScenarioInput } from '../../../gql/graphql';
import { problemOf, type WriteProblem } from './api-errors';
import { UpdateScenario } from './operations';

const PRIORITIES: readonly Priority[] = ['MUST', 'SHOULD', 'COULD', 'WONT'];

type Change = Omit<UpdateScenarioInput, 'id' | 'expectedVersion'>;

/**
 * A scenario's values, edited in place from the keyboard: Enter saves a number, a checkbox or a
 * priority saves when changed. Each save names the scenario's version, so an edit over someone
 * else's is refused (CONFLICT, shown with a reload); a refused value shows the API's message at
 * its field.
 */
export function ScenarioEditor({
  scenario,
  canEdit,
  onReload,
}: {
  scenario: ScenarioFieldsFragment;
  canEdit: boolean;
  onReload: () => void;
}) {
  const [, update] = useMutation(UpdateScenario);
  const [problems, setProblems] = useState<Record<string, WriteProblem>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const name = scenario.name;

  // The version this editor's last write produced. Edits in quick succession (an estimate, then a
  // priority before the first answer has reached the list) are sent one after another, each
  // naming the version the previous one produced: only someone else's edit is a CONFLICT.
  const written = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());

  function save(field: string, change: Change): Promise<void> {
    const run = async () => {
      const answer = await update({
        input: {
          id: scenario.id,
          expectedVersion: Math.max(written.current, scenario.version),
          ...change,
        },
      });
      if (answer.data) written.current = answer.data.updateScenario.version;
      const problem = answer.error ? problemOf(answer.error) : null;
      if (problem?.conflict) setConflict(problem.message);
      setProblems((current) => {
        const next = { ...current };
        delete next[field];
        if (problem && !problem.conflict) next[field] = problem;
        return next;
      });
    };
    queue.current = queue.current.then(run);
    return queue.current;
  }

  const problemAt = (field: string) =>
    problems[field] && (
      <span role="alert" id={`${scenario.id}-${field}-error`} className="field-error">
        {problems[field].message}
      </span>
    );

  return (
    <div data-testid={`scenario-${name}`}>
      {conflict && (
        <p role="alert">
          {conflict}{' '}
          <button
            type="button"
            onClick={() => {
              setConflict(null);
              onReload();
            }}
          >
            Reload {name}
          </button>
        </p>
      )}
      <div className="table-wrap">
        <table aria-label={`Initiatives in scenario ${name}`}>
          <thead>
            <tr>
              <th scope="col">Initiative</th>
              <th scope="col">In</th>
              <th scope="col" className="num">
                Estimate
              </th>
              <th scope="col">Priority</th>
            </tr>
          </thead>
          <tbody>
            {scenario.initiatives.map((row) => {
              const key = row.initiative.key;
              const id = row.initiative.id;
              return (
                <tr key={id}>
                  <th scope="row">
                    <span className="key">{key}</span> {row.initiative.title}
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Include ${key} in scenario ${name}`}
                      checked={row.included}
                      disabled={!canEdit}
                      onChange={(e) =>
                        void save(`included-${id}`, {
                          initiatives: [{ initiativeId: id, included: e.target.checked }],
                        })
                      }
                    />
                    {problemAt(`included-${id}`)}
                  </td>
                  <td className="num">
                    <NumberCell
                      label={`Estimate of ${key} in scenario ${name}`}
                      value={row.estimate}
                      canEdit={canEdit}
                      allowEmpty
                      errorId={
                        problems[`estimate-${id}`]
                          ? `${scenario.id}-estimate-${id}-error`
                          : undefined
                      }
                      onSave={(estimate) =>
                        save(`estimate-${id}`, { initiatives: [{ initiativeId: id, estimate }] })
                      }
                    >
                      {problemAt(`estimate-${id}`)}
                    </NumberCell>
                  </td>
                  <td>
                    <select
                      aria-label={`Priority of ${key} in scenario ${name}`}
                      value={row.priority}
                      disabled={!canEdit}
                      onChange={(e) =>
                        void save(`priority-${id}`, {
                          initiatives: [{ initiativeId: id, priority: e.target.value as Priority }],
                        })
                      }
                    >
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </select>
                    {problemAt(`priority-${id}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="grid">
        <table aria-label={`Team capacities in scenario ${name}`}>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="num">
                Points per sprint
              </th>
            </tr>
          </thead>
          <tbody>
            {scenario.teams.map((row) => (
              <tr key={row.team.id}>
                <th scope="row">{row.team.name}</th>
                <td className="num">
                  <NumberCell
                    label={`Capacity per sprint of team ${row.team.key} in scenario ${name}`}
                    value={row.capacityPerSprint}
                    canEdit={canEdit}
                    errorId={
                      problems[`team-${row.team.id}`]
                        ? `${scenario.id}-team-${row.team.id}-error`
                        : undefined
                    }
                    onSave={(value) =>
                      save(`team-${row.team.id}`, {
                        teams: [{ teamId: row.team.id, capacityPerSprint: value ?? 0 }],
                      })
                    }
                  >
                    {problemAt(`team-${row.team.id}`)}
                  </NumberCell>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table aria-label={`Link weights in scenario ${name}`}>
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col" className="num">
                Weight
              </th>
            </tr>
          </thead>
          <tbody>
            {scenario.links.map((link) => {
              const target = link.keyResult?.key ?? link.objective?.key ?? '?';
              const field = `link-${link.linkId}`;
              return (
                <tr key={link.linkId}>
                  <th scope="row">
                    {link.initiative.key} → {target}
                  </th>
                  <td className="num">
                    <NumberCell
                      label={`Weight of ${link.initiative.key} → ${target} in scenario ${name}`}
                      value={link.weight}
                      canEdit={canEdit}
                      errorId={problems[field] ? `${scenario.id}-${field}-error` : undefined}
                      onSave={(weight) =>
                        save(field, {
                          links: [
                            {
                              initiativeId: link.initiative.id,
                              keyResultId: link.keyResultId,
                              objectiveId: link.objectiveId,
                              weight: weight ?? 0,
                            },
                          ],
                        })
                      }
                    >
                      {problemAt(field)}
                    </NumberCell>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A number edited in place: Enter (the form's submit) saves it; empty is null where allowed. */
function NumberCell({
  label,
  value,
  canEdit,
  allowEmpty = false,
  errorId,
  onSave,
  children,
}: {
  label: string;
  value: number | null;
  canEdit: boolean;
  allowEmpty?: boolean;
  errorId?: string;
  onSave: (value: number | null) => Promise<void>;
  children?: ReactNode;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [saving, setSaving] = useState(false);
  if (!canEdit) return <>{value === null ? 'unestimated' : value}</>;
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    await onSave(text.trim() === '' && allowEmpty ? null : Number(text));
    setSaving(false);
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        type="number"
        step="any"
        aria-label={label}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        value={text}
        disabled={saving}
        onChange={(e) => setText(e.target.value)}
      />
      {children}
    </form>
  );
}
