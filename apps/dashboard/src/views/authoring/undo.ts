import type { Client, CombinedError } from 'urql';
import type {
  LinkInitiativeInput,
  LinkObjectiveInput,
  UpdateInitiativeInput,
  UpdateKeyResultInput,
  UpdateObjectiveInput,
} from '../../gql/graphql';
import {
  ArchiveInitiative,
  ArchiveKeyResult,
  ArchiveObjective,
  LinkObjective,
  SupportKeyResult,
  UnlinkInitiative,
  UnlinkObjective,
  UpdateInitiative,
  UpdateKeyResult,
  UpdateObjective,
} from './operations';

/**
 * One write that takes a change back, as data: the stack shows it, tests read it, and running it
 * is a plain mutation. Edits and archives name the version the change left (expectedVersion), so
 * an undo over someone else's later edit is refused (CONFLICT) instead of overwriting it.
 */
export type UndoStep =
  | { op: 'archiveObjective'; id: string; expectedVersion: number }
  | { op: 'archiveKeyResult'; id: string; expectedVersion: number }
  | { op: 'archiveInitiative'; id: string; expectedVersion: number }
  | { op: 'updateObjective'; input: UpdateObjectiveInput & { expectedVersion: number } }
  | { op: 'updateKeyResult'; input: UpdateKeyResultInput & { expectedVersion: number } }
  | { op: 'updateInitiative'; input: UpdateInitiativeInput & { expectedVersion: number } }
  | { op: 'linkObjective'; input: LinkObjectiveInput }
  | { op: 'unlinkObjective'; id: string }
  | { op: 'linkInitiative'; input: LinkInitiativeInput }
  | { op: 'unlinkInitiative'; id: string };

/**
 * A change as the stack keeps it: what it was ("create objective O-7") and how to take it back;
 * `steps` null when it cannot be taken back, with `why` (shown as the Undo button's title).
 */
export interface UndoEntry {
  label: string;
  steps: UndoStep[] | null;
  why?: string;
}

/** The row a step edits and the version it expects, to follow later bumps of that row. */
function versioned(step: UndoStep): { id: string; version: number } | null {
  if ('expectedVersion' in step) return { id: step.id, version: step.expectedVersion };
  if (step.op.startsWith('update') && 'input' in step) {
    const input = step.input as { id: string; expectedVersion: number };
    return { id: String(input.id), version: input.expectedVersion };
  }
  return null;
}

/** The same steps, expecting `version` where they expected `from` of row `id`. */
export function rebase(steps: UndoStep[], id: string, from: number, version: number): UndoStep[] {
  return steps.map((step) => {
    const v = versioned(step);
    if (!v || v.id !== id || v.version !== from) return step;
    if ('expectedVersion' in step) return { ...step, expectedVersion: version };
    if (!('input' in step)) return step;
    return { ...step, input: { ...step.input, expectedVersion: version } } as UndoStep;
  });
}

export interface StepResult {
  error?: CombinedError;
  /** the row it edited and the version that row has now */
  bumped?: { id: string; from: number; version: number };
}

/** Runs one step against the API. */
export async function runStep(client: Client, step: UndoStep): Promise<StepResult> {
  const v = versioned(step);
  const done = (
    error: CombinedError | undefined,
    row: { id: string; version: number } | undefined,
  ): StepResult =>
    error
      ? { error }
      : v && row
        ? { bumped: { id: v.id, from: v.version, version: row.version } }
        : {};
  switch (step.op) {
    case 'archiveObjective': {
      const r = await client
        .mutation(ArchiveObjective, { id: step.id, expectedVersion: step.expectedVersion })
        .toPromise();
      return done(r.error, r.data?.archiveObjective);
    }
    case 'archiveKeyResult': {
      const r = await client
        .mutation(ArchiveKeyResult, { id: step.id, expectedVersion: step.expectedVersion })
        .toPromise();
      return done(r.error, r.data?.archiveKeyResult);
    }
    case 'archiveInitiative': {
      const r = await client
        .mutation(ArchiveInitiative, { id: step.id, expectedVersion: step.expectedVersion })
        .toPromise();
      return done(r.error, r.data?.archiveInitiative);
    }
    case 'updateObjective': {
      const r = await client.mutation(UpdateObjective, { input: step.input }).toPromise();
      return done(r.error, r.data?.updateObjective);
    }
    case 'updateKeyResult': {
      const r = await client.mutation(UpdateKeyResult, { input: step.input }).toPromise();
      return done(r.error, r.data?.updateKeyResult);
    }
    case 'updateInitiative': {
      const r = await client.mutation(UpdateInitiative, { input: step.input }).toPromise();
      return done(r.error, r.data?.updateInitiative);
    }
    case 'linkObjective': {
      const r = await client.mutation(LinkObjective, { input: step.input }).toPromise();
      return done(r.error, undefined);
    }
    case 'unlinkObjective': {
      const r = await client.mutation(UnlinkObjective, { id: step.id }).toPromise();
      return done(r.error, undefined);
    }
    case 'linkInitiative': {
      const r = await client.mutation(SupportKeyResult, { input: step.input }).toPromise();
      return done(r.error, undefined);
    }
    case 'unlinkInitiative': {
      const r = await client.mutation(UnlinkInitiative, { id: step.id }).toPromise();
      return done(r.error, undefined);
    }
  }
}
