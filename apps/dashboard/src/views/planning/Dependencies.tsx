import { useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import type { DependencyRiskReason } from '../../gql/graphql';
import { AddDependency, InitiativeIdByKey, RemoveDependency } from './operations';

/** How the room reads each reason (the API decides which one applies). */
export const RISK_LABELS: Record<DependencyRiskReason, string> = {
  CANCELLED: 'blocker cancelled',
  UNPLANNED: 'blocker in no cycle',
  LATER_CYCLE: 'blocker planned later',
  BELOW_CUT_LINE: 'blocker below its cut line',
};

interface Blocker {
  id: string;
  note: string | null;
  blockedBy: { key: string; team: { key: string } | null };
}

/**
 * What an initiative waits on: each blocker's key and team, with an at-risk badge and its reason
 * when the projection counts the dependency at risk. An EDITOR adds one by the blocker's key and
 * removes one in place; the API refuses self-dependencies and cycles, naming the path.
 */
export function Dependencies({
  initiative,
  blockers,
  risks,
  canEdit,
  onSaved,
}: {
  initiative: { id: string; key: string };
  blockers: Blocker[];
  /** dependency id -> reason, from the projection */
  risks: ReadonlyMap<string, DependencyRiskReason>;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const client = useClient();
  const [added, add] = useMutation(AddDependency);
  const [removed, remove] = useMutation(RemoveDependency);
  const [key, setKey] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found = await client
      .query(InitiativeIdByKey, { key: key.trim() }, { requestPolicy: 'network-only' })
      .toPromise();
    if (!found.data) {
      setError(found.error?.graphQLErrors.map((e) => e.message).join(' ') || 'no such initiative');
      return;
    }
    const answer = await add({
      input: {
        initiativeId: initiative.id,
        blockedById: found.data.initiative.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    if (answer.error) {
      setError(answer.error.graphQLErrors.map((e) => e.message).join(' ') || answer.error.message);
      return;
    }
    setKey('');
    setNote('');
    onSaved();
  }

  async function drop(id: string) {
    setError(null);
    const answer = await remove({ id });
    if (answer.error) setError(answer.error.message);
    else onSaved();
  }

  if (blockers.length === 0 && !canEdit) return null;
  return (
    <div className="dependencies" data-testid={`dependencies-${initiative.key}`}>
      {blockers.length > 0 && (
        <ul className="blockers" aria-label={`${initiative.key} is blocked by`}>
          {blockers.map((d) => {
            const reason = risks.get(d.id);
            return (
              <li key={d.id} data-blocker={d.blockedBy.key}>
                blocked by <span className="key">{d.blockedBy.key}</span>{' '}
                <span className="muted">
                  ({d.blockedBy.team ? `team ${d.blockedBy.team.key}` : 'no team'})
                  {d.note ? ` · ${d.note}` : ''}
                </span>{' '}
                {reason ? (
                  <span className="badge AT_RISK" title={reason}>
                    at risk: {RISK_LABELS[reason]}
                  </span>
                ) : (
                  <span className="badge ok">on track</span>
                )}
                {canEdit && (
                  <>
                    {' '}
                    <button
                      type="button"
                      onClick={() => void drop(d.id)}
                      disabled={removed.fetching}
                      aria-label={`Remove ${initiative.key} blocked by ${d.blockedBy.key}`}
                    >
                      Remove
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && (
        <form
          className="inline-form"
          aria-label={`Add a blocker to ${initiative.key}`}
          onSubmit={submit}
        >
          <label>
            Blocked by (key)
            <input value={key} onChange={(e) => setKey(e.target.value)} required />
          </label>
          <label>
            Note
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" disabled={added.fetching || key.trim() === ''}>
            Add
          </button>
        </form>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
