import type { CombinedError } from 'urql';

/**
 * An API error, sorted for a form: messages of the fields it names (`extensions.fields`, paths
 * `input.<field>`), the rest for above the buttons, and whether it is a stale-version CONFLICT
 * (someone else changed the row since the form read it: the form offers a reload).
 */
export interface PlacedErrors {
  fields: Record<string, string>;
  form: string[];
  stale: boolean;
}

export const NO_ERRORS: PlacedErrors = { fields: {}, form: [], stale: false };

interface FieldProblem {
  field: string;
  message: string;
}

export function placeErrors(error: CombinedError, known: readonly string[]): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, form: [], stale: false };
  if (error.networkError && !error.graphQLErrors.length) {
    placed.form.push(`The server could not be reached (${error.networkError.message}).`);
    return placed;
  }
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.code;
    const problems = Array.isArray(e.extensions?.fields)
      ? (e.extensions.fields as FieldProblem[])
      : [];
    let shown = false;
    for (const p of problems) {
      const field = p.field.replace(/^input\./, '');
      if (!known.includes(field)) continue;
      placed.fields[field] = placed.fields[field]
        ? `${placed.fields[field]} ${p.message}`
        : p.message;
      shown = true;
    }
    if (code === 'CONFLICT' && /(changed|removed) by someone else/.test(e.message))
      placed.stale = true;
    if (!shown) placed.form.push(e.message);
  }
  return placed;
}

/** Every message of an error in one line, for a button's result beside it. */
export function errorText(error: CombinedError): string {
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  return error.networkError
    ? `The server could not be reached (${error.networkError.message}).`
    : error.message;
}
