import type { Client } from 'urql';
import type { LinkInitiativeInput, LinkObjectiveInput } from '../../gql/graphql';
import { errorText } from './fieldErrors';
import { diffLinks, resolveTargets, type LinkKind, type LinkRow } from './LinkWeights';
import { LinkObjective, SupportKeyResult, UnlinkInitiative, UnlinkObjective } from './operations';
import type { UndoStep } from './undo';
import type { UndoStack } from './useUndoStack';

/** Whose links: an objective's upward links, or the key results an initiative supports. */
export type LinkOwner = 'objective' | 'initiative';

const TARGET_FIELD: Record<LinkOwner, Partial<Record<LinkKind, string>>> = {
  objective: { goal: 'goalId', objective: 'parentObjectiveId', keyResult: 'keyResultId' },
  initiative: { objective: 'objectiveId', keyResult: 'keyResultId' },
};

function linkInput(
  owner: LinkOwner,
  ownerId: string,
  kind: LinkKind,
  targetId: string,
  weight: number,
  expectedVersion?: number,
) {
  return {
    [owner === 'objective' ? 'objectiveId' : 'initiativeId']: ownerId,
    [TARGET_FIELD[owner][kind] ?? 'keyResultId']: targetId,
    weight,
    ...(expectedVersion === undefined ? {} : { expectedVersion }),
  };
}

/** A weight the API takes (> 0, at most 1,000), or the row's problem. */
export function weightProblem(row: LinkRow): string | null {
  const w = Number(row.weight);
  if (row.weight.trim() === '' || !Number.isFinite(w)) return 'the weight must be a number';
  if (w <= 0) return 'the weight must be greater than 0';
  if (w > 1000) return 'the weight must be at most 1,000';
  return null;
}

/**
 * Checks a form's link rows before anything is written: each row's weight, and each new target's
 * key found (its id, for the link mutation). `problems` by row id; empty when the rows can be saved.
 */
export async function checkLinkRows(client: Client, rows: LinkRow[], stored: LinkRow[]) {
  const weights = Object.fromEntries(
    rows.flatMap((r) => {
      const p = weightProblem(r);
      return p ? [[r.rowId, p]] : [];
    }),
  );
  const resolved = await resolveTargets(client, rowsToResolve(rows, stored));
  return { ids: resolved.ids, problems: { ...resolved.errors, ...weights } };
}

async function link(client: Client, owner: LinkOwner, input: Record<string, unknown>) {
  if (owner === 'objective') {
    const r = await client
      .mutation(LinkObjective, { input: input as unknown as LinkObjectiveInput })
      .toPromise();
    return { error: r.error, link: r.data?.linkObjective };
  }
  const r = await client
    .mutation(SupportKeyResult, { input: input as unknown as LinkInitiativeInput })
    .toPromise();
  return { error: r.error, link: r.data?.linkInitiative };
}

async function unlink(client: Client, owner: LinkOwner, id: string) {
  const r =
    owner === 'objective'
      ? await client.mutation(UnlinkObjective, { id }).toPromise()
      : await client.mutation(UnlinkInitiative, { id }).toPromise();
  return r.error;
}

const linkStep = (owner: LinkOwner, input: Record<string, unknown>): UndoStep =>
  owner === 'objective'
    ? { op: 'linkObjective', input: input as unknown as LinkObjectiveInput }
    : { op: 'linkInitiative', input: input as unknown as LinkInitiativeInput };

const unlinkStep = (owner: LinkOwner, id: string): UndoStep =>
  owner === 'objective' ? { op: 'unlinkObjective', id } : { op: 'unlinkInitiative', id };

/**
 * Writes what changed between the stored links and the rows, one link at a time, and returns the
 * steps that take back what was written and each refused row's message. `ids` holds the target id
 * of each new or retargeted row (resolveTargets).
 */
export async function saveLinks(
  client: Client,
  owner: LinkOwner,
  ownerId: string,
  rows: LinkRow[],
  stored: LinkRow[],
  ids: Record<string, string>,
): Promise<{ undo: UndoStep[]; errors: Record<string, string>; written: number }> {
  const { removed, added, reweighted } = diffLinks(rows, stored);
  const undo: UndoStep[] = [];
  const errors: Record<string, string> = {};
  let written = 0;
  for (const s of removed) {
    if (!s.linkId || !s.saved) continue;
    const error = await unlink(client, owner, s.linkId);
    if (error) {
      errors[s.rowId] = errorText(error);
      continue;
    }
    written++;
    undo.push(
      linkStep(owner, linkInput(owner, ownerId, s.saved.kind, s.saved.targetId, s.saved.weight)),
    );
  }
  for (const r of reweighted) {
    if (!r.saved || r.version === null) continue;
    const input = linkInput(owner, ownerId, r.kind, r.saved.targetId, Number(r.weight), r.version);
    const { error, link: done } = await link(client, owner, input);
    if (error || !done) {
      errors[r.rowId] = error ? errorText(error) : 'not saved';
      continue;
    }
    written++;
    undo.push(
      linkStep(
        owner,
        linkInput(owner, ownerId, r.kind, r.saved.targetId, r.saved.weight, done.version),
      ),
    );
  }
  for (const r of added) {
    const targetId = ids[r.rowId];
    if (!targetId) continue;
    const { error, link: done } = await link(
      client,
      owner,
      linkInput(owner, ownerId, r.kind, targetId, Number(r.weight)),
    );
    if (error || !done) {
      errors[r.rowId] = error ? errorText(error) : 'not saved';
      continue;
    }
    written++;
    undo.push(unlinkStep(owner, done.id));
  }
  return { undo, errors, written };
}

/** The rows whose targets must be looked up before saving: new ones and retargeted ones. */
export function rowsToResolve(rows: LinkRow[], stored: LinkRow[]): LinkRow[] {
  return diffLinks(rows, stored).added;
}

/**
 * The end of an edit that also changes links (objective, initiative): the links written, then ONE
 * undo entry for the row's own update (`steps`, may be empty) and the links together, so Undo takes
 * back the whole save. The message to show, or the refused rows' messages by row id.
 */
export async function saveLinksOfEdit(
  client: Client,
  undo: Pick<UndoStack, 'push'>,
  edit: {
    owner: LinkOwner;
    id: string;
    /** the row's key after the update */
    label: string;
    steps: UndoStep[];
    rows: LinkRow[];
    stored: LinkRow[];
    ids: Record<string, string>;
  },
): Promise<{ message: string } | { refused: Record<string, string> }> {
  const written = await saveLinks(client, edit.owner, edit.id, edit.rows, edit.stored, edit.ids);
  const steps = [...edit.steps, ...written.undo];
  if (steps.length) undo.push({ label: `edit ${edit.owner} ${edit.label}`, steps });
  if (Object.keys(written.errors).length) return { refused: written.errors };
  return {
    message: steps.length
      ? `Saved ${edit.owner} ${edit.label}.`
      : `Nothing changed in ${edit.label}.`,
  };
}
