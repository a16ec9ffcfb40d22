import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, type CombinedError } from 'urql';
import type { Confidence } from '../../gql/graphql';
import { CheckInKeyResult, CheckInKpi } from './operations';
import type { CheckInTarget } from './CheckInControls';

const CONFIDENCES: { value: Confidence; label: string }[] = [
  { value: 'ON_TRACK', label: 'On track' },
  { value: 'AT_RISK', label: 'At risk' },
  { value: 'OFF_TRACK', label: 'Off track' },
];

type Field = 'value' | 'confidence' | 'note';

/**
 * A check-in, keyboard first: the value field takes the focus, Enter saves, Escape closes. The
 * API's validation messages appear at their field (`input.value: ...`), anything else above the
 * buttons; the form stays open with what was typed until the check-in is saved.
 */
export function CheckInForm({
  target,
  onSaved,
  onClose,
}: {
  target: CheckInTarget;
  onSaved: (message: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const valueRef = useRef<HTMLInputElement>(null);
  const [krState, checkInKeyResult] = useMutation(CheckInKeyResult);
  const [kpiState, checkInKpi] = useMutation(CheckInKpi);
  const [errors, setErrors] = useState<{ fields: Partial<Record<Field, string>>; form: string[] }>({
    fields: {},
    form: [],
  });
  const busy = krState.fetching || kpiState.fetching;
  useEffect(() => valueRef.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const raw = String(form.get('value') ?? '').trim();
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) {
      setErrors({ fields: { value: 'must be a number' }, form: [] });
      return;
    }
    const note = String(form.get('note') ?? '');
    const res =
      target.kind === 'keyResult'
        ? await checkInKeyResult({
            input: {
              keyResultId: target.id,
              value,
              confidence: String(form.get('confidence')) as Confidence,
              note,
            },
          })
        : await checkInKpi({ input: { kpiId: target.id, value, note } });
    if (res.error) {
      setErrors(placeErrors(res.error));
      return;
    }
    setErrors({ fields: {}, form: [] });
    onSaved(`Checked in ${target.key} at ${value}${target.unit ? ` ${target.unit}` : ''}.`);
  }

  function escape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Escape') onClose();
  }

  const fieldError = (field: Field) =>
    errors.fields[field] ? (
      <span id={`${id}-${field}-error`} className="field-error" role="alert">
        {errors.fields[field]}
      </span>
    ) : null;

  return (
    <form
      className="check-in-form"
      aria-label={`Check in ${target.key}`}
      onSubmit={submit}
      onKeyDown={escape}
    >
      <label htmlFor={`${id}-value`}>New value{target.unit ? ` (${target.unit})` : ''}</label>
      <input
        ref={valueRef}
        id={`${id}-value`}
        name="value"
        type="number"
        step="any"
        defaultValue={target.current ?? ''}
        aria-invalid={errors.fields.value ? true : undefined}
        aria-describedby={errors.fields.value ? `${id}-value-error` : undefined}
      />
      {fieldError('value')}
      {target.kind === 'keyResult' && (
        <>
          <label htmlFor={`${id}-confidence`}>Confidence</label>
          <select
            id={`${id}-confidence`}
            name="confidence"
            defaultValue={target.confidence ?? 'ON_TRACK'}
          >
            {CONFIDENCES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {fieldError('confidence')}
        </>
      )}
      <label htmlFor={`${id}-note`}>Note</label>
      <input
        id={`${id}-note`}
        name="note"
        type="text"
        maxLength={10_000}
        aria-invalid={errors.fields.note ? true : undefined}
      />
      {fieldError('note')}
      {errors.form.map((message) => (
        <span key={message} className="state-error" role="alert">
          {message}
        </span>
      ))}
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save check-in'}
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}

/** The API names bad fields in `extensions.fields` ([{ field: 'input.value', message }]). */
function placeErrors(error: CombinedError): {
  fields: Partial<Record<Field, string>>;
  form: string[];
} {
  const placed: { fields: Partial<Record<Field, string>>; form: string[] } = {
    fields: {},
    form: [],
  };
  if (error.networkError && !error.graphQLErrors.length) {
    placed.form.push(`The server could not be reached (${error.networkError.message}).`);
    return placed;
  }
  for (const e of error.graphQLErrors) {
    const fields = Array.isArray(e.extensions?.fields)
      ? (e.extensions.fields as { field: string; message: string }[])
      : [];
    const known = fields.filter((f) => /^input\.(value|confidence|note)$/.test(f.field));
    for (const f of known) placed.fields[f.field.slice('input.'.length) as Field] = f.message;
    if (known.length === 0) placed.form.push(e.message);
  }
  return placed;
}
