import { useState } from 'react';
import { useMutation } from 'urql';
import type { ObjectiveStatus } from '../../gql/graphql';
import { ConfirmButton } from '../sources/ConfirmButton';
import { errorText } from './fieldErrors';
import { ArchiveInitiative, ArchiveKeyResult, ArchiveObjective } from './operations';
import { useUndo } from './useUndoStack';

type Subject =
  | { kind: 'objective'; id: string; key: string; version: number; status: ObjectiveStatus }
  | { kind: 'keyResult'; id: string; key: string; version: number }
  | { kind: 'initiative'; id: string; key: string; version: number };

const NOUN = { objective: 'objective', keyResult: 'key result', initiative: 'initiative' };

/**
 * Archives an objective, key result or initiative at the version on screen. An objective comes
 * back by Undo (its status set back); the API has no way back for a key result or an initiative,
 * so those ask first, and their Undo says why it is not offered.
 */
export function ArchiveButton({ subject }: { subject: Subject }) {
  const undo = useUndo();
  const [objective, archiveObjective] = useMutation(ArchiveObjective);
  const [keyResult, archiveKeyResult] = useMutation(ArchiveKeyResult);
  const [initiative, archiveInitiative] = useMutation(ArchiveInitiative);
  const [error, setError] = useState<string | null>(null);
  const busy = objective.fetching || keyResult.fetching || initiative.fetching;
  const noun = NOUN[subject.kind];
  const label = `archive ${noun} ${subject.key}`;
  const variables = { id: subject.id, expectedVersion: subject.version };

  async function archive() {
    setError(null);
    if (subject.kind === 'objective') {
      const r = await archiveObjective(variables);
      if (r.error || !r.data) return setError(r.error ? errorText(r.error) : 'not archived');
      undo.push({
        label,
        steps: [
          {
            op: 'updateObjective',
            input: {
              id: subject.id,
              status: subject.status,
              expectedVersion: r.data.archiveObjective.version,
            },
          },
        ],
      });
      return;
    }
    const r =
      subject.kind === 'keyResult'
        ? await archiveKeyResult(variables)
        : await archiveInitiative(variables);
    if (r.error) return setError(errorText(r.error));
    undo.push({
      label,
      steps: null,
      why: `the API has no unarchive for a ${noun}: archiving ${subject.key} cannot be undone`,
    });
  }

  return (
    <span className="archive-button">
      {subject.kind === 'objective' ? (
        <button type="button" disabled={busy} onClick={() => void archive()}>
          Archive<span className="sr-only"> {subject.key}</span>
        </button>
      ) : (
        <ConfirmButton
          label={`Archive ${subject.key}`}
          question={`Archive ${noun} ${subject.key}? This cannot be undone.`}
          confirmLabel={`Archive ${subject.key}`}
          busy={busy}
          onConfirm={() => void archive()}
        />
      )}
      {error && (
        <span role="alert" className="state-error">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
