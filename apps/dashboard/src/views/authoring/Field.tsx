import type { ReactElement, ReactNode } from 'react';
import { cloneElement } from 'react';
import type { PlacedErrors } from './fieldErrors';

/**
 * A labelled control with the API's message for it below, tied by aria-describedby and marked
 * aria-invalid, so a screen reader (and a browser test) finds the problem from the field.
 */
export function Field({
  id,
  name,
  label,
  errors,
  children,
}: {
  /** the form's id prefix (useId) */
  id: string;
  name: string;
  label: ReactNode;
  errors: PlacedErrors;
  children: ReactElement<Record<string, unknown>>;
}) {
  const message = errors.fields[name];
  const controlId = `${id}-${name}`;
  return (
    <div className="form-field" data-field={name}>
      <label htmlFor={controlId}>{label}</label>
      {cloneElement(children, {
        id: controlId,
        name,
        'aria-invalid': message ? true : undefined,
        'aria-describedby': message ? `${controlId}-error` : undefined,
      })}
      {message && (
        <span className="field-error" id={`${controlId}-error`} role="alert">
          {message}
        </span>
      )}
    </div>
  );
}

/** What names no field: above the buttons; a stale version offers to read the row again. */
export function FormProblems({
  errors,
  onReload,
}: {
  errors: PlacedErrors;
  onReload?: () => void;
}) {
  if (!errors.form.length && !errors.stale) return null;
  return (
    <div className="form-problems">
      {errors.form.map((m) => (
        <span key={m} className="state-error" role="alert">
          {m}
        </span>
      ))}
      {errors.stale && onReload && (
        <button type="button" onClick={onReload}>
          Reload it
        </button>
      )}
    </div>
  );
}

/** A number field's value for the API: null when empty, NaN passed on for the API to name. */
export function numberOrNull(value: string): number | null {
  return value.trim() === '' ? null : Number(value);
}

/** A select's options for named rows (teams, cycles): `Name (KEY)`, valued by id. */
export function NamedOptions({ items }: { items: { id: string; key: string; name: string }[] }) {
  return (
    <>
      {items.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name} ({i.key})
        </option>
      ))}
    </>
  );
}
