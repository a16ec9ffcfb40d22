import type { ReactElement } from 'react';
import { useQuery, type DocumentInput } from 'urql';

/** What an authoring form opens with: nothing (a new one), a message meanwhile, or the stored row. */
export type StoredForEdit<Stored> =
  | { state: 'new' }
  | { state: 'waiting'; view: ReactElement }
  | { state: 'loaded'; stored: Stored; reload: () => void };

/**
 * The row an edit form changes, read fresh by its key (network-only: the edit names its version),
 * or `new` when there is no key (the form creates one). Until it is there the form shows the
 * API's message or `Loading <key>…`; `reload` reads it again (after a stale-version refusal).
 * `waitForRefetch` also shows the loading line while a reload is under way.
 */
export function useStoredForEdit<Data, Stored>(
  query: DocumentInput<Data, { key: string }>,
  editKey: string | null,
  pick: (data: Data) => Stored | null | undefined,
  options: { waitForRefetch?: boolean } = {},
): StoredForEdit<Stored> {
  const [loaded, reload] = useQuery({
    query,
    variables: { key: editKey ?? '' },
    pause: editKey === null,
    requestPolicy: 'network-only',
  });
  if (editKey === null) return { state: 'new' };
  if (loaded.error)
    return {
      state: 'waiting',
      view: (
        <p role="alert" className="state-error">
          {loaded.error.graphQLErrors.map((e) => e.message).join(' ') || loaded.error.message}
        </p>
      ),
    };
  const stored = loaded.data ? pick(loaded.data) : null;
  if (!stored || (options.waitForRefetch && loaded.fetching))
    return { state: 'waiting', view: <p className="muted">Loading {editKey}…</p> };
  return { state: 'loaded', stored, reload: () => reload({ requestPolicy: 'network-only' }) };
}
