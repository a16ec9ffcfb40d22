import { useId, useState, type FormEvent } from 'react';
import { useClient, useMutation } from 'urql';
import type { InitiativeForEditQuery, Priority } from '../../gql/graphql';
import { changedFields } from './changedFields';
import { Field, FormProblems, NamedOptions } from './Field';
import { closeOnEscape, useFocusOnOpen } from './formKeyboard';
import { FormButtons } from './FormButtons';
import { NO_ERRORS, placeErrors, type PlacedErrors } from './fieldErrors';
import { checkLinkRows, saveLinks, saveLinksOfEdit } from './links';
import { LinkWeights, newRow, storedRow, type LinkOptions, type LinkRow } from './LinkWeights';
import type { Team } from './ObjectiveForm';
import { CreateInitiative, InitiativeForEdit, UpdateInitiative } from './operations';
import type { UndoStep } from './undo';
import { useStoredForEdit } from './useStoredForEdit';
import { useUndo } from './useUndoStack';
import type { AuthoringFormHost, EditedRow } from './formProps';

const PRIORITIES: { value: Priority; label: string }[] = [
  { value: 'MUST', label: 'Must' },
  { value: 'SHOULD', label: 'Should' },
  { value: 'COULD', label: 'Could' },
  { value: 'WONT', label: "Won't (this time)" },
];

const FIELDS = ['key', 'title', 'teamId', 'estimate', 'priority', 'cycleId'] as const;

type Stored = InitiativeForEditQuery['initiative'];

interface Values {
  key: string;
  title: string;
  teamId: string;
  estimate: string;
  priority: Priority;
  cycleId: string;
}

export interface CycleChoice {
  id: string;
  key: string;
  name: string;
}

/**
 * A proposed initiative (`cycle` it is planned for by default), or an edit of one
 * (`initiativeKey`, read fresh with its version): key, title, team, estimate, MoSCoW priority,
 * cycle, and the key results (or objectives) it supports with their weights.
 */
export function InitiativeForm(
  props: {
    teams: Team[];
    cycles: CycleChoice[];
    options: LinkOptions;
  } & AuthoringFormHost &
    ({ cycle: { id: string; key: string } } | { initiativeKey: string }),
) {
  const editKey = 'initiativeKey' in props ? props.initiativeKey : null;
  const edit = useStoredForEdit(InitiativeForEdit, editKey, (d) => d.initiative);
  if (edit.state === 'new')
    return (
      <InitiativeFields {...props} stored={null} cycleId={'cycle' in props ? props.cycle.id : ''} />
    );
  if (edit.state === 'waiting') return edit.view;
  return (
    <InitiativeFields
      key={edit.stored.version}
      {...props}
      stored={edit.stored}
      cycleId=""
      onReload={edit.reload}
    />
  );
}

function valuesOf(s: NonNullable<Stored>): Values {
  return {
    key: s.key,
    title: s.title,
    teamId: s.team?.id ?? '',
    estimate: s.estimate === null ? '' : String(s.estimate),
    priority: s.priority,
    cycleId: s.cycle?.id ?? '',
  };
}

/** The values as the API takes them: '' is null (no team, unestimated, no cycle). */
function inputOf(v: Values) {
  return {
    key: v.key.trim(),
    title: v.title,
    teamId: v.teamId || null,
    estimate: v.estimate.trim() === '' ? null : Number(v.estimate),
    priority: v.priority,
    cycleId: v.cycleId || null,
  };
}

function InitiativeFields({
  autoFocus = true,
  teams,
  cycles,
  options,
  onDone,
  onClose,
  stored,
  cycleId,
  onReload,
}: {
  teams: Team[];
  cycles: CycleChoice[];
  options: LinkOptions;
  cycleId: string;
} & AuthoringFormHost &
  EditedRow<Stored>) {
  const id = useId();
  const client = useClient();
  const undo = useUndo();
  const keyRef = useFocusOnOpen(autoFocus);
  const [created, create] = useMutation(CreateInitiative);
  const [updated, update] = useMutation(UpdateInitiative);
  const empty: Values = {
    key: '',
    title: '',
    teamId: '',
    estimate: '',
    priority: 'SHOULD',
    cycleId,
  };
  const storedLinks = (stored?.supports ?? []).map(storedRow);
  const [values, setValues] = useState<Values>(stored ? valuesOf(stored) : empty);
  const [links, setLinks] = useState<LinkRow[]>(stored ? storedLinks : [newRow('keyResult')]);
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
    const estimate = Number(values.estimate);
    if (values.estimate.trim() !== '' && !Number.isFinite(estimate)) {
      setErrors({ ...NO_ERRORS, fields: { estimate: 'must be a number of points' } });
      return;
    }
    // an empty new row is no link: the form starts with one to fill in
    const rows = links.filter((r) => r.linkId || r.key.trim() !== '');
    const checked = await checkLinkRows(client, rows, storedLinks);
    setLinkErrors(checked.problems);
    if (Object.keys(checked.problems).length) {
      setErrors(NO_ERRORS);
      return;
    }
    setBusy(true);
    try {
      if (stored) await saveEdit(stored, rows, checked.ids);
      else await saveNew(rows, checked.ids);
    } finally {
      setBusy(false);
    }
  }

  async function saveNew(rows: LinkRow[], ids: Record<string, string>) {
    const input = inputOf(values);
    const answer = await create({
      input: {
        key: input.key,
        title: input.title,
        priority: input.priority,
        ...(input.teamId ? { teamId: input.teamId } : {}),
        ...(input.estimate !== null ? { estimate: input.estimate } : {}),
        ...(input.cycleId ? { cycleId: input.cycleId } : {}),
      },
    });
    const initiative = answer.data?.createInitiative;
    if (answer.error || !initiative) {
      if (answer.error) setErrors(placeErrors(answer.error, FIELDS));
      return;
    }
    setErrors(NO_ERRORS);
    const written = await saveLinks(client, 'initiative', initiative.id, rows, [], ids);
    undo.push({
      label: `create initiative ${initiative.key}`,
      steps: [{ op: 'archiveInitiative', id: initiative.id, expectedVersion: initiative.version }],
    });
    if (Object.keys(written.errors).length) {
      setErrors({
        ...NO_ERRORS,
        form: rows
          .filter((r) => written.errors[r.rowId])
          .map(
            (r) =>
              `Proposed ${initiative.key}, but its support of ${r.key} was refused: ${written.errors[r.rowId]}`,
          ),
      });
    }
    setValues(empty);
    setLinks([newRow('keyResult')]);
    setLinkErrors({});
    const message = `Proposed initiative ${initiative.key}.`;
    setSaved(message);
    onDone?.(message);
    keyRef.current?.focus();
  }

  async function saveEdit(s: NonNullable<Stored>, rows: LinkRow[], ids: Record<string, string>) {
    const next = inputOf(values);
    const old = inputOf(valuesOf(s));
    const { changed, previous } = changedFields(next, old);
    const steps: UndoStep[] = [];
    let label = s.key;
    if (Object.keys(changed).length) {
      const answer = await update({
        input: { id: s.id, expectedVersion: s.version, ...changed } as never,
      });
      const initiative = answer.data?.updateInitiative;
      if (answer.error || !initiative) {
        if (answer.error) setErrors(placeErrors(answer.error, FIELDS));
        return;
      }
      label = initiative.key;
      steps.push({
        op: 'updateInitiative',
        input: { id: s.id, expectedVersion: initiative.version, ...previous } as never,
      });
    }
    setErrors(NO_ERRORS);
    const result = await saveLinksOfEdit(client, undo, {
      owner: 'initiative',
      id: s.id,
      label,
      steps,
      rows: rows,
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

  return (
    <form
      className="authoring-form"
      aria-label={stored ? `Edit initiative ${stored.key}` : 'New initiative'}
      onSubmit={submit}
      onKeyDown={closeOnEscape(onClose)}
    >
      <div className="form-grid">
        <Field id={id} name="key" label="Initiative key" errors={errors}>
          <input ref={keyRef} value={values.key} onChange={set('key')} autoComplete="off" />
        </Field>
        <Field id={id} name="title" label="Initiative title" errors={errors}>
          <input value={values.title} onChange={set('title')} />
        </Field>
        <Field id={id} name="teamId" label="Team" errors={errors}>
          <select value={values.teamId} onChange={set('teamId')}>
            <option value="">No team yet</option>
            <NamedOptions items={teams} />
          </select>
        </Field>
        <Field id={id} name="estimate" label="Estimate (points)" errors={errors}>
          <input
            type="number"
            step="any"
            min="0"
            value={values.estimate}
            onChange={set('estimate')}
            placeholder="unestimated"
          />
        </Field>
        <Field id={id} name="priority" label="Priority" errors={errors}>
          <select value={values.priority} onChange={set('priority')}>
            {PRIORITIES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id} name="cycleId" label="Cycle" errors={errors}>
          <select value={values.cycleId} onChange={set('cycleId')}>
            <option value="">Not planned for a cycle</option>
            <NamedOptions items={cycles} />
          </select>
        </Field>
      </div>
      <LinkWeights
        noun="Supports"
        kinds={['keyResult', 'objective']}
        rows={links}
        onChange={setLinks}
        options={options}
        errors={linkErrors}
      />
      <FormProblems errors={errors} onReload={onReload} />
      <FormButtons
        submitLabel={stored ? 'Save initiative' : 'Propose initiative'}
        disabled={busy || created.fetching || updated.fetching}
        onClose={onClose}
        saved={saved}
      />
    </form>
  );
}
