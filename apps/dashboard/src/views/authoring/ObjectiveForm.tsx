import { useId, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import type { ObjectiveForEditQuery } from '../../gql/graphql';
import { Field, FormProblems, NamedOptions } from './Field';
import { closeOnEscape, useFocusOnOpen } from './formKeyboard';
import { FormButtons } from './FormButtons';
import { NO_ERRORS, placeErrors, type PlacedErrors } from './fieldErrors';
import { checkLinkRows, saveLinks, saveLinksOfEdit } from './links';
import { LinkWeights, storedRow, type LinkOptions, type LinkRow } from './LinkWeights';
import { CreateObjective, ObjectiveForEdit, UpdateObjective } from './operations';
import type { UndoStep } from './undo';
import { useStoredForEdit } from './useStoredForEdit';
import { useUndo } from './useUndoStack';
import type { AuthoringFormHost, EditedRow } from './formProps';

// the fields the form shows: a message about any other goes above the buttons
const FIELDS = ['key', 'title', 'description', 'teamId'] as const;

export interface Team {
  id: string;
  key: string;
  name: string;
}

type Stored = ObjectiveForEditQuery['objective'];

interface Values {
  key: string;
  title: string;
  description: string;
  teamId: string;
}

const EMPTY: Values = { key: '', title: '', description: '', teamId: '' };

/**
 * A new objective in a cycle (`cycle`), or an edit of one (`objectiveKey`, read fresh with its
 * version): key, title, description, team, and its upward links with their weights. Keyboard
 * first: the key field takes the focus, Enter saves, Escape closes. The API's messages appear at
 * their fields and what was typed stays; a create stays open for the next objective.
 */
export function ObjectiveForm(
  props: {
    teams: Team[];
    options: LinkOptions;
  } & AuthoringFormHost &
    ({ cycle: { id: string; key: string } } | { objectiveKey: string }),
) {
  const editKey = 'objectiveKey' in props ? props.objectiveKey : null;
  const edit = useStoredForEdit(ObjectiveForEdit, editKey, (d) => d.objective, {
    waitForRefetch: true,
  });
  if (edit.state === 'new')
    return (
      <ObjectiveFields {...props} stored={null} cycleId={'cycle' in props ? props.cycle.id : ''} />
    );
  if (edit.state === 'waiting') return edit.view;
  return (
    <ObjectiveFields
      key={edit.stored.version}
      {...props}
      stored={edit.stored}
      cycleId=""
      onReload={edit.reload}
    />
  );
}

function ObjectiveFields({
  autoFocus = true,
  teams,
  options,
  onDone,
  onClose,
  stored,
  cycleId,
  onReload,
}: {
  teams: Team[];
  options: LinkOptions;
  cycleId: string;
} & AuthoringFormHost &
  EditedRow<Stored>) {
  const id = useId();
  const client = useClient();
  const undo = useUndo();
  const keyRef = useFocusOnOpen(autoFocus);
  const [created, create] = useMutation(CreateObjective);
  const [updated, update] = useMutation(UpdateObjective);
  const initial: Values = stored
    ? {
        key: stored.key,
        title: stored.title,
        description: stored.description,
        teamId: stored.team?.id ?? '',
      }
    : EMPTY;
  const storedLinks = (stored?.alignsTo ?? []).map(storedRow);
  const [values, setValues] = useState<Values>(initial);
  const [links, setLinks] = useState<LinkRow[]>(storedLinks);
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [linkErrors, setLinkErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (field: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const checked = await checkLinkRows(client, links, storedLinks);
    setLinkErrors(checked.problems);
    if (Object.keys(checked.problems).length) {
      setErrors(NO_ERRORS);
      return;
    }
    setBusy(true);
    try {
      if (stored) await saveEdit(stored, checked.ids);
      else await saveNew(checked.ids);
    } finally {
      setBusy(false);
    }
  }

  async function saveNew(ids: Record<string, string>) {
    const key = values.key.trim();
    const answer = await create({
      input: {
        cycleId,
        key,
        title: values.title,
        description: values.description,
        ...(values.teamId ? { teamId: values.teamId } : {}),
      },
    });
    const objective = answer.data?.createObjective;
    if (answer.error || !objective) {
      if (answer.error) setErrors(placeErrors(answer.error, FIELDS));
      return;
    }
    setErrors(NO_ERRORS);
    const written = await saveLinks(client, 'objective', objective.id, links, [], ids);
    undo.push({
      label: `create objective ${objective.key}`,
      steps: [{ op: 'archiveObjective', id: objective.id, expectedVersion: objective.version }],
    });
    const refused = Object.keys(written.errors).length;
    if (refused) {
      // the objective exists: the refused links are named for the edit that fixes them
      setErrors({
        ...NO_ERRORS,
        form: links
          .filter((r) => written.errors[r.rowId])
          .map(
            (r) =>
              `Created ${objective.key}, but its link to ${r.key} was refused: ${written.errors[r.rowId]}`,
          ),
      });
    }
    setValues(EMPTY);
    setLinks([]);
    setLinkErrors({});
    const message = `Created objective ${objective.key}.`;
    setSaved(message);
    onDone?.(message);
    keyRef.current?.focus();
  }

  async function saveEdit(s: NonNullable<Stored>, ids: Record<string, string>) {
    const changed: Record<string, string | null> = {};
    const before: Record<string, string | null> = {};
    const current: Values = {
      key: s.key,
      title: s.title,
      description: s.description,
      teamId: s.team?.id ?? '',
    };
    for (const field of ['key', 'title', 'description', 'teamId'] as const) {
      const next = field === 'key' ? values.key.trim() : values[field];
      if (next === current[field]) continue;
      changed[field] = field === 'teamId' && next === '' ? null : next;
      before[field] = field === 'teamId' && current[field] === '' ? null : current[field];
    }
    const steps: UndoStep[] = [];
    let label = s.key;
    if (Object.keys(changed).length) {
      const answer = await update({ input: { id: s.id, expectedVersion: s.version, ...changed } });
      const objective = answer.data?.updateObjective;
      if (answer.error || !objective) {
        if (answer.error) setErrors(placeErrors(answer.error, FIELDS));
        return;
      }
      label = objective.key;
      steps.push({
        op: 'updateObjective',
        input: { id: s.id, expectedVersion: objective.version, ...before },
      });
    }
    setErrors(NO_ERRORS);
    const result = await saveLinksOfEdit(client, undo, {
      owner: 'objective',
      id: s.id,
      label,
      steps,
      rows: links,
      stored: storedLinks,
      ids,
    });
    if ('refused' in result) {
      setLinkErrors(result.refused);
      return;
    }
    setSaved(result.message);
    onDone?.(result.message);
  }

  const fetching = busy || created.fetching || updated.fetching;
  return (
    <form
      className="authoring-form"
      aria-label={stored ? `Edit objective ${stored.key}` : 'New objective'}
      onSubmit={submit}
      onKeyDown={closeOnEscape(onClose)}
    >
      <div className="form-grid">
        <Field id={id} name="key" label="Objective key" errors={errors}>
          <input ref={keyRef} value={values.key} onChange={set('key')} autoComplete="off" />
        </Field>
        <Field id={id} name="title" label="Objective title" errors={errors}>
          <input value={values.title} onChange={set('title')} />
        </Field>
        <Field id={id} name="teamId" label="Team" errors={errors}>
          <select value={values.teamId} onChange={set('teamId')}>
            <option value="">Company-level (no team)</option>
            <NamedOptions items={teams} />
          </select>
        </Field>
        <Field id={id} name="description" label="Description" errors={errors}>
          <textarea rows={2} value={values.description} onChange={set('description')} />
        </Field>
      </div>
      <LinkWeights
        noun="Aligns to"
        kinds={['goal', 'objective', 'keyResult']}
        rows={links}
        onChange={setLinks}
        options={options}
        errors={linkErrors}
      />
      <FormProblems errors={errors} onReload={onReload} />
      <FormButtons
        submitLabel={stored ? 'Save objective' : 'Create objective'}
        disabled={fetching}
        onClose={onClose}
        saved={saved}
      />
    </form>
  );
}
