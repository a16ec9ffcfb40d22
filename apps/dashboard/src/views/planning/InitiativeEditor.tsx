import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { Priority } from '../../gql/graphql';
import { UpdatePlannedInitiative } from './operations';

const PRIORITIES: readonly Priority[] = ['MUST', 'SHOULD', 'COULD', 'WONT'];

/**
 * An EDITOR changes a planned initiative's estimate or priority; the room sees the projection move.
 * The edit names the version on screen, so a change someone else made meanwhile is refused (the
 * API's CONFLICT message says to reload) instead of being overwritten.
 */
export function InitiativeEditor({
  initiative,
  onSaved,
}: {
  initiative: {
    id: string;
    key: string;
    estimate: number | null;
    priority: Priority;
    version: number;
  };
  onSaved: () => void;
}) {
  const [estimate, setEstimate] = useState(
    initiative.estimate === null ? '' : String(initiative.estimate),
  );
  const [priority, setPriority] = useState<Priority>(initiative.priority);
  const [result, update] = useMutation(UpdatePlannedInitiative);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const answer = await update({
      input: {
        id: initiative.id,
        estimate: estimate === '' ? null : Number(estimate),
        priority,
        expectedVersion: initiative.version,
      },
    });
    if (!answer.error) {
      setMessage(`Saved ${initiative.key}`);
      onSaved();
    }
  }

  const error =
    result.error?.graphQLErrors.map((e) => e.message).join(' ') || result.error?.message;
  return (
    <form className="inline-form" aria-label={`Edit ${initiative.key}`} onSubmit={submit}>
      <label>
        Estimate
        <input
          type="number"
          min={0}
          step="any"
          value={estimate}
          onChange={(e) => setEstimate(e.target.value)}
        />
      </label>
      <label>
        Priority
        <select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={result.fetching}>
        Save
      </button>
      {message && !result.error && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
      {result.error && <span role="alert">{error}</span>}
    </form>
  );
}
