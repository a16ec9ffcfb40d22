import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useClient } from 'urql';
import { errorText } from './fieldErrors';
import { rebase, runStep, type UndoEntry } from './undo';

export interface UndoStack {
  /** the change Undo takes back, null when there is none */
  top: UndoEntry | null;
  push(entry: UndoEntry): void;
  undo(): Promise<void>;
  busy: boolean;
  /** what the last undo did, or why it failed */
  outcome: { ok: boolean; text: string } | null;
}

const Context = createContext<UndoStack | null>(null);

/**
 * The session's changes, newest last. Undo runs the newest one's inverse steps; when a step bumps a
 * row's version, the older entries that expected the previous version follow it, so undoing two
 * edits of one objective in a row works. A failed undo keeps the entry (say, a CONFLICT: someone
 * edited it since).
 */
export function useUndoStack(): UndoStack {
  const client = useClient();
  const [entries, setEntries] = useState<UndoEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<UndoStack['outcome']>(null);

  const push = useCallback((entry: UndoEntry) => {
    setOutcome(null);
    setEntries((all) => [...all.slice(-49), entry]);
  }, []);

  const undo = useCallback(async () => {
    const entry = entries[entries.length - 1];
    if (!entry?.steps || busy) return;
    setBusy(true);
    let rest = entries.slice(0, -1);
    let steps = entry.steps;
    try {
      for (let i = 0; i < steps.length; i++) {
        const result = await runStep(client, steps[i]);
        if (result.error) {
          // what ran is done: keep only what is left, so a retry does not repeat it
          setEntries([...rest, { ...entry, steps: steps.slice(i) }]);
          setOutcome({ ok: false, text: `Undo ${entry.label} failed: ${errorText(result.error)}` });
          return;
        }
        if (result.bumped) {
          const { id, from, version } = result.bumped;
          steps = rebase(steps, id, from, version);
          rest = rest.map((e) =>
            e.steps ? { ...e, steps: rebase(e.steps, id, from, version) } : e,
          );
        }
      }
      setEntries(rest);
      setOutcome({ ok: true, text: `Undone: ${entry.label}.` });
    } finally {
      setBusy(false);
    }
  }, [busy, client, entries]);

  const top = entries[entries.length - 1] ?? null;
  return useMemo(() => ({ top, push, undo, busy, outcome }), [top, push, undo, busy, outcome]);
}

/** One undo stack for the authoring controls below it. */
export function UndoProvider({ children }: { children: ReactNode }) {
  const stack = useUndoStack();
  return <Context.Provider value={stack}>{children}</Context.Provider>;
}

/** The provider's stack; outside one, a stack of its own (a form used on its own). */
export function useUndo(): UndoStack {
  const shared = useContext(Context);
  const own = useUndoStack();
  return shared ?? own;
}

/** Where typing goes: Ctrl+Z there is the field's own undo. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/**
 * "Undo: create objective O-7", and Ctrl+Z (Cmd+Z) anywhere but in a field. A change that cannot
 * be taken back leaves the button disabled with the reason as its title.
 */
export function UndoButton() {
  const id = useId();
  const { top, undo, busy, outcome } = useUndo();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey)
        return;
      if (inTextField(event.target)) return;
      event.preventDefault();
      void undo();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const label = top ? `Undo: ${top.label}` : 'Undo';
  const title = !top
    ? 'nothing to undo yet'
    : top.steps
      ? `${label} (Ctrl+Z)`
      : (top.why ?? 'this change cannot be undone');
  return (
    <div className="undo-bar">
      <button
        type="button"
        aria-label="Undo"
        aria-describedby={`${id}-what`}
        title={title}
        disabled={!top?.steps || busy}
        onClick={() => void undo()}
      >
        {busy ? 'Undoing…' : 'Undo'}
      </button>{' '}
      <span id={`${id}-what`} className="muted" data-testid="undo-what">
        {top ? `${label}${top.steps ? '' : ` (not possible: ${top.why ?? 'no inverse'})`}` : ''}
      </span>
      {outcome && (
        <span
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'ok-text' : 'state-error'}
        >
          {' '}
          {outcome.text}
        </span>
      )}
    </div>
  );
}
