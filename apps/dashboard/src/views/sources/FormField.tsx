import type { ReactNode } from 'react';
import type { SourceField } from './fieldErrors';

/** What ties a control to its label, its hint and its problem. */
export interface A11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The create form's labelled controls, shared by the shell and each kind's fields: a control with
 * its problem (and a hint) under it, tied by aria-describedby. `idPrefix` keeps the ids of one
 * form apart from another's; `problems` are the API's messages by field (fieldErrors.ts).
 */
export function fieldHelpers(idPrefix: string, problems: Partial<Record<SourceField, string>>) {
  const field = (
    key: SourceField,
    label: string,
    control: (a11y: A11y) => ReactNode,
    hint?: ReactNode,
  ) => {
    const message = problems[key];
    const described = [
      hint && `${idPrefix}-${key}-hint`,
      message && `${idPrefix}-${key}-error`,
    ].filter(Boolean);
    const a11y: A11y = {
      id: `${idPrefix}-${key}`,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': described.length ? described.join(' ') : undefined,
    };
    return (
      <div className="form-field" data-field={key}>
        <label htmlFor={a11y.id}>{label}</label>
        {control(a11y)}
        {hint && (
          <span className="muted" id={`${idPrefix}-${key}-hint`}>
            {hint}
          </span>
        )}
        {message && (
          <span className="field-error" id={`${idPrefix}-${key}-error`}>
            {message}
          </span>
        )}
      </div>
    );
  };

  const text = (
    key: SourceField,
    label: string,
    value: string,
    set: (v: string) => void,
    placeholder?: string,
    hint?: ReactNode,
  ) =>
    field(
      key,
      label,
      (a) => (
        <input
          {...a}
          value={value}
          placeholder={placeholder}
          onChange={(e) => set(e.target.value)}
        />
      ),
      hint,
    );

  return { field, text };
}
