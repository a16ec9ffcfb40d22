import { useId } from 'react';
import type { Client } from 'urql';
import { errorText } from './fieldErrors';
import { GoalIdByKey, KeyResultIdByKey, ObjectiveIdByKey } from './operations';

export type LinkKind = 'goal' | 'objective' | 'keyResult';

const KIND_LABELS: Record<LinkKind, string> = {
  goal: 'Goal',
  objective: 'Objective',
  keyResult: 'Key result',
};

/** One upward link as the form edits it; `linkId` and `saved` when it is stored already. */
export interface LinkRow {
  rowId: string;
  kind: LinkKind;
  key: string;
  weight: string;
  linkId: string | null;
  version: number | null;
  /** as stored: its target (kind, key, id) and weight */
  saved: { kind: LinkKind; key: string; targetId: string; weight: number } | null;
}

export type LinkOptions = Partial<Record<LinkKind, { key: string; title: string }[]>>;

let nextRow = 0;
export function newRow(kind: LinkKind): LinkRow {
  nextRow += 1;
  return {
    rowId: `new-${nextRow}`,
    kind,
    key: '',
    weight: '1',
    linkId: null,
    version: null,
    saved: null,
  };
}

/** A stored link as a row. */
export function storedRow(link: {
  id: string;
  weight: number;
  version: number;
  goal?: { id: string; key: string } | null;
  parentObjective?: { id: string; key: string } | null;
  objective?: { id: string; key: string } | null;
  keyResult?: { id: string; key: string } | null;
}): LinkRow {
  const objective = link.parentObjective ?? link.objective;
  const [kind, target]: [LinkKind, { id: string; key: string }] = link.goal
    ? ['goal', link.goal]
    : link.keyResult
      ? ['keyResult', link.keyResult]
      : ['objective', objective ?? { id: '', key: '' }];
  return {
    rowId: link.id,
    kind,
    key: target.key,
    weight: String(link.weight),
    linkId: link.id,
    version: link.version,
    saved: { kind, key: target.key, targetId: target.id, weight: link.weight },
  };
}

/**
 * Upward links with their weights, one row each: what the link points to (goal, objective or key
 * result, by key, with the keys of the plan offered as you type) and its weight. Rows are added
 * and removed in place; nothing is written until the form is saved.
 */
export function LinkWeights({
  noun,
  kinds,
  rows,
  onChange,
  options,
  errors,
}: {
  /** "Aligns to" or "Supports": the rows' labels ("Supports 1 target") */
  noun: string;
  kinds: readonly LinkKind[];
  rows: LinkRow[];
  onChange: (rows: LinkRow[]) => void;
  options: LinkOptions;
  errors: Record<string, string>;
}) {
  const id = useId();
  const set = (rowId: string, patch: Partial<LinkRow>) =>
    onChange(rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  return (
    <fieldset className="link-weights">
      <legend>{noun}</legend>
      {kinds.map((k) => (
        <datalist key={k} id={`${id}-${k}`}>
          {(options[k] ?? []).map((o) => (
            <option key={o.key} value={o.key}>
              {o.title}
            </option>
          ))}
        </datalist>
      ))}
      {rows.length === 0 && <p className="muted">No links yet.</p>}
      {rows.map((row, index) => {
        const n = index + 1;
        const error = errors[row.rowId];
        const errorId = `${id}-${row.rowId}-error`;
        return (
          <div className="link-row" key={row.rowId} data-link-row={n}>
            {kinds.length > 1 && (
              <label>
                {`${noun} ${n} kind`}
                <select
                  value={row.kind}
                  onChange={(e) => set(row.rowId, { kind: e.target.value as LinkKind })}
                >
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABELS[k]}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {`${noun} ${n} target`}
              <input
                value={row.key}
                list={`${id}-${row.kind}`}
                placeholder={`${KIND_LABELS[row.kind].toLowerCase()} key`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={(e) => set(row.rowId, { key: e.target.value })}
              />
            </label>
            <label>
              {`${noun} ${n} weight`}
              <input
                type="number"
                step="any"
                min="0"
                className="weight"
                value={row.weight}
                onChange={(e) => set(row.rowId, { weight: e.target.value })}
              />
            </label>
            <button type="button" onClick={() => onChange(rows.filter((r) => r !== row))}>
              Remove<span className="sr-only">{` ${noun.toLowerCase()} ${n}`}</span>
            </button>
            {error && (
              <span className="field-error" id={errorId} role="alert">
                {error}
              </span>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...rows, newRow(kinds[0])])}>
        Add link<span className="sr-only">{` to ${noun.toLowerCase()}`}</span>
      </button>
    </fieldset>
  );
}

/** The ids of the rows' targets, or each unknown key's message by row. */
export async function resolveTargets(
  client: Client,
  rows: LinkRow[],
): Promise<{ ids: Record<string, string>; errors: Record<string, string> }> {
  const ids: Record<string, string> = {};
  const errors: Record<string, string> = {};
  await Promise.all(
    rows.map(async (row) => {
      const key = row.key.trim();
      if (!key) {
        errors[row.rowId] = `name the ${KIND_LABELS[row.kind].toLowerCase()} by its key`;
        return;
      }
      const options = { requestPolicy: 'network-only' as const };
      const found =
        row.kind === 'goal'
          ? await client.query(GoalIdByKey, { key }, options).toPromise()
          : row.kind === 'objective'
            ? await client.query(ObjectiveIdByKey, { key }, options).toPromise()
            : await client.query(KeyResultIdByKey, { key }, options).toPromise();
      const data = found.data as
        | { strategicGoal?: { id: string }; objective?: { id: string }; keyResult?: { id: string } }
        | undefined;
      const target = data?.strategicGoal ?? data?.objective ?? data?.keyResult;
      if (target) ids[row.rowId] = target.id;
      else errors[row.rowId] = found.error ? errorText(found.error) : `no ${row.kind} ${key}`;
    }),
  );
  return { ids, errors };
}

/** What saving the rows changes against the stored links. */
export function diffLinks(rows: LinkRow[], stored: LinkRow[]) {
  const kept = new Set(rows.filter((r) => r.linkId).map((r) => r.linkId));
  const moved = (r: LinkRow) =>
    r.saved !== null && (r.saved.kind !== r.kind || r.saved.key !== r.key.trim());
  return {
    // a stored row pointed elsewhere is the old link removed and a new one added
    removed: stored.filter(
      (s) => !kept.has(s.linkId) || rows.some((r) => r.linkId === s.linkId && moved(r)),
    ),
    added: rows.filter((r) => !r.linkId || moved(r)),
    reweighted: rows.filter(
      (r) => r.linkId && r.saved && !moved(r) && Number(r.weight) !== r.saved.weight,
    ),
  };
}
