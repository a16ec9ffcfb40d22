import { lazy, Suspense, type ReactNode } from 'react';
import type { ObjectiveStatus } from '../../gql/graphql';

// Beside the overview's objectives and key results, for EDITOR and above: the controls, their
// forms and the undo stack load only for them (the overview renders these only then).
const Provider = lazy(() => import('./useUndoStack').then((m) => ({ default: m.UndoProvider })));
const Undo = lazy(() => import('./useUndoStack').then((m) => ({ default: m.UndoButton })));
const Objective = lazy(() => import('./Controls').then((m) => ({ default: m.ObjectiveControls })));
const KeyResult = lazy(() => import('./Controls').then((m) => ({ default: m.KeyResultControls })));

/** The undo stack the controls below share; `fallback` shows the same content meanwhile. */
export function AuthoringScope({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: ReactNode;
}) {
  return (
    <Suspense fallback={fallback}>
      <Provider>{children}</Provider>
    </Suspense>
  );
}

export function LazyUndoButton() {
  return (
    <Suspense fallback={null}>
      <Undo />
    </Suspense>
  );
}

export function LazyObjectiveControls({
  objective,
}: {
  objective: { id: string; key: string; version: number; status: ObjectiveStatus };
}) {
  return (
    <Suspense fallback={null}>
      <Objective objective={objective} />
    </Suspense>
  );
}

export function LazyKeyResultControls({
  keyResult,
}: {
  keyResult: { id: string; key: string; version: number };
}) {
  return (
    <Suspense fallback={null}>
      <KeyResult keyResult={keyResult} />
    </Suspense>
  );
}
