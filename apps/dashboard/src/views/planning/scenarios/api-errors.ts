import type { CombinedError } from 'urql';

/** What a failed scenario write says: the field messages, and whether it was a CONFLICT. */
export interface WriteProblem {
  message: string;
  conflict: boolean;
}

/**
 * One message for the field being edited: the API names bad fields in `extensions.fields`
 * ([{ field: 'input.initiatives.0.estimate', message }]); a CONFLICT says someone else changed
 * the scenario (or the plan) meanwhile.
 */
export function problemOf(error: CombinedError): WriteProblem {
  if (error.networkError && !error.graphQLErrors.length)
    return {
      message: `The server could not be reached (${error.networkError.message}).`,
      conflict: false,
    };
  const conflict = error.graphQLErrors.some((e) => e.extensions?.code === 'CONFLICT');
  const messages = error.graphQLErrors.flatMap((e) => {
    const fields = Array.isArray(e.extensions?.fields)
      ? (e.extensions.fields as { field: string; message: string }[])
      : [];
    return fields.length ? fields.map((f) => f.message) : [e.message];
  });
  return { message: messages.join(' ') || error.message, conflict };
}
