import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

/** The API's message (its codes say what went wrong), with a way to try again. */
export function ErrorState({
  error,
  retry,
  what,
}: {
  error: CombinedError | Error;
  retry?: () => void;
  what: string;
}) {
  const messages =
    'graphQLErrors' in error && error.graphQLErrors.length
      ? error.graphQLErrors.map((e) => e.message)
      : 'networkError' in error && error.networkError
        ? [`The server could not be reached (${error.networkError.message}).`]
        : [error.message];
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {messages.join(' ')}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

interface QueryLike<T> {
  data?: T;
  fetching: boolean;
  error?: CombinedError;
}

/** Loading, error or the data: every view shows one of the three. */
export function QueryState<T>({
  result,
  retry,
  what,
  children,
}: {
  result: QueryLike<T>;
  retry: () => void;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (result.error && !result.data)
    return <ErrorState error={result.error} retry={retry} what={what} />;
  if (!result.data) return <Loading label={`Loading ${what}`} />;
  return <>{children(result.data)}</>;
}
