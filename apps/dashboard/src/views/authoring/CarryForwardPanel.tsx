import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { formatShare } from '../../format';
import { errorText } from './fieldErrors';
import { CarryCandidates, CarryForward } from './operations';
import { useUndo } from './useUndoStack';

export interface CycleOption {
  id: string;
  key: string;
  name: string;
  startDate: string;
}

/**
 * Carries objectives of an earlier cycle into this DRAFT one: the previous cycle by default, its
 * unfinished objectives ticked (progress below 100%), and after the carry the new keys. The API
 * moves the initiative links of carried key results to the copies, which archiving the copies
 * would not move back: so this change is not undone from here, and Undo says so.
 */
export function CarryForwardPanel({
  cycle,
  cycles,
}: {
  cycle: { key: string; startDate: string };
  cycles: CycleOption[];
}) {
  const id = useId();
  const undo = useUndo();
  const earlier = cycles
    .filter((c) => c.startDate < cycle.startDate && c.key !== cycle.key)
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  // the cycles may still be loading on the first render: until one is picked, the latest earlier one
  const [picked, setFrom] = useState('');
  const from = picked || earlier[0]?.key || '';
  const [candidates] = useQuery({
    query: CarryCandidates,
    variables: { cycleKey: from },
    pause: !from,
  });
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [result, carry] = useMutation(CarryForward);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  if (earlier.length === 0)
    return <p className="muted">No earlier cycle to carry objectives forward from.</p>;

  const objectives = candidates.data?.objectives.nodes ?? [];
  const chosen = (o: { key: string; progress: number | null }) =>
    ticked.has(o.key) || ((o.progress ?? 0) < 1 && !unticked.has(o.key));
  const toggle = (o: { key: string; progress: number | null }) => {
    const on = chosen(o);
    setTicked((s) => {
      const n = new Set(s);
      if (on) n.delete(o.key);
      else n.add(o.key);
      return n;
    });
    setUnticked((s) => {
      const n = new Set(s);
      if (on) n.add(o.key);
      else n.delete(o.key);
      return n;
    });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const keys = objectives.filter(chosen).map((o) => o.key);
    if (keys.length === 0) {
      setOutcome({ ok: false, text: 'Choose at least one objective to carry forward.' });
      return;
    }
    const r = await carry({
      input: { fromCycleKey: from, toCycleKey: cycle.key, objectiveKeys: keys },
    });
    if (r.error || !r.data) {
      setOutcome({ ok: false, text: r.error ? errorText(r.error) : 'nothing carried' });
      return;
    }
    const copies = r.data.carryForward;
    setOutcome({
      ok: true,
      text: `Carried forward: ${copies.map((c) => `${c.origin?.key ?? '?'} → ${c.key}`).join(', ')}.`,
    });
    undo.push({
      label: `carry forward ${copies.length} objective${copies.length === 1 ? '' : 's'} from ${from}`,
      steps: null,
      why: 'carrying forward moved the initiative links of the carried key results to the copies, which archiving them would not move back: archive a copy from its own Archive button if needed',
    });
    setTicked(new Set());
    setUnticked(new Set());
  }

  return (
    <form className="authoring-form" aria-label="Carry forward" onSubmit={submit}>
      <label htmlFor={`${id}-from`}>Carry forward from</label>{' '}
      <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
        {earlier.map((c) => (
          <option key={c.id} value={c.key}>
            {c.name} ({c.key})
          </option>
        ))}
      </select>
      <fieldset className="carry-list">
        <legend>Objectives of {from} (unfinished ones ticked)</legend>
        {candidates.fetching && <p className="muted">Loading {from}…</p>}
        {!candidates.fetching && objectives.length === 0 && (
          <p className="muted">{from} has no active objectives.</p>
        )}
        {objectives.map((o) => (
          <label key={o.id} className="carry-item">
            <input type="checkbox" checked={chosen(o)} onChange={() => toggle(o)} />{' '}
            <span className="key">{o.key}</span> {o.title}{' '}
            <span className="muted">progress {formatShare(o.progress)}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={result.fetching || objectives.length === 0}>
        Carry forward
      </button>
      {outcome && (
        <span
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'ok-text' : 'state-error'}
        >
          {' '}
          {outcome.text}
        </span>
      )}
    </form>
  );
}
