import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { Direction, KeyResultForEditQuery, KeyResultKind } from '../../gql/graphql';
import { changedFields } from './changedFields';
import { Field, FormProblems } from './Field';
import { closeOnEscape, useFocusOnOpen } from './formKeyboard';
import { FormButtons } from './FormButtons';
import { NO_ERRORS, placeErrors, type PlacedErrors } from './fieldErrors';
import { CreateKeyResult, KeyResultForEdit, UpdateKeyResult } from './operations';
import { useStoredForEdit } from './useStoredForEdit';
import { useUndo } from './useUndoStack';
import type { AuthoringFormHost, EditedRow } from './formProps';

const KINDS: { value: KeyResultKind; label: string }[] = [
  { value: 'NUMERIC', label: 'Number' },
  { value: 'PERCENT', label: 'Percent' },
  { value: 'CURRENCY', label: 'Currency' },
  { value: 'BOOLEAN', label: 'Done / not done' },
];

const FIELDS = ['key', 'title', 'kind', 'start', 'target', 'unit', 'weight', 'direction'] as const;

type Stored = KeyResultForEditQuery['keyResult'];

interface Values {
  key: string;
  title: string;
  kind: KeyResultKind;
  start: string;
  target: string;
  unit: string;
  weight: string;
  /** '' = inferred from start and target */
  direction: Direction | '';
}

const EMPTY: Values = {
  key: '',
  title: '',
  kind: 'NUMERIC',
  start: '0',
  target: '',
  unit: '',
  weight: '1',
  direction: '',
};

/**
 * A new key result of an objective (`objective`), or an edit of one (`keyResultKey`, read fresh
 * with its version): key, title, kind, start, target, unit, weight, and a direction only needed
 * when start equals target. Same keyboard and error handling as the objective form.
 */
export function KeyResultForm(
  props: AuthoringFormHost &
    ({ objective: { id: string; key: string } } | { keyResultKey: string }),
) {
  const editKey = 'keyResultKey' in props ? props.keyResultKey : null;
  const edit = useStoredForEdit(KeyResultForEdit, editKey, (d) => d.keyResult);
  if (edit.state === 'new')
    return (
      <KeyResultFields
        {...props}
        stored={null}
        objective={'objective' in props ? props.objective : null}
      />
    );
  if (edit.state === 'waiting') return edit.view;
  return (
    <KeyResultFields
      key={edit.stored.version}
      {...props}
      stored={edit.stored}
      objective={null}
      onReload={edit.reload}
    />
  );
}

function valuesOf(s: NonNullable<Stored>): Values {
  return {
    key: s.key,
    title: s.title,
    kind: s.kind,
    start: String(s.start),
    target: String(s.target),
    unit: s.unit,
    weight: String(s.weight),
    direction: s.start === s.target ? s.direction : '',
  };
}

/** The typed values as the API takes them, or the fields that are not numbers. */
function parse(
  v: Values,
): { input: Record<string, unknown> } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const number = (field: 'start' | 'target' | 'weight') => {
    const n = Number(v[field]);
    if (v[field].trim() === '' || !Number.isFinite(n)) problems[field] = 'must be a number';
    return n;
  };
  const input = {
    key: v.key.trim(),
    title: v.title,
    kind: v.kind,
    start: number('start'),
    target: number('target'),
    unit: v.unit,
    weight: number('weight'),
    ...(v.direction ? { direction: v.direction } : {}),
  };
  return Object.keys(problems).length ? { problems } : { input };
}

function KeyResultFields({
  autoFocus = true,
  onDone,
  onClose,
  stored,
  objective,
  onReload,
}: {
  objective: { id: string; key: string } | null;
} & AuthoringFormHost &
  EditedRow<Stored>) {
  const id = useId();
  const undo = useUndo();
  const keyRef = useFocusOnOpen(autoFocus);
  const [created, create] = useMutation(CreateKeyResult);
  const [updated, update] = useMutation(UpdateKeyResult);
  const [values, setValues] = useState<Values>(stored ? valuesOf(stored) : EMPTY);
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [saved, setSaved] = useState<string | null>(null);

  const set = (field: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => {
      const next = { ...v, [field]: e.target.value };
      // done / not done goes from 0 to 1
      if (field === 'kind' && e.target.value === 'BOOLEAN')
        Object.assign(next, { start: '0', target: '1' });
      return next;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const parsed = parse(values);
    if ('problems' in parsed) {
      setErrors({ ...NO_ERRORS, fields: parsed.problems });
      return;
    }
    if (stored) return saveEdit(stored, parsed.input);
    if (!objective) return;
    const answer = await create({
      input: { objectiveId: objective.id, ...(parsed.input as Omit<Values, 'direction'>) } as never,
    });
    const kr = answer.data?.createKeyResult;
    if (answer.error || !kr) {
      if (answer.error) setErrors(placeErrors(answer.error, FIELDS));
      return;
    }
    undo.push({
      label: `create key result ${kr.key}`,
      steps: [{ op: 'archiveKeyResult', id: kr.id, expectedVersion: kr.version }],
    });
    setErrors(NO_ERRORS);
    setValues(EMPTY);
    const message = `Created key result ${kr.key} of ${objective.key}.`;
    setSaved(message);
    onDone?.(message);
    keyRef.current?.focus();
  }

  async function saveEdit(s: NonNullable<Stored>, input: Record<string, unknown>) {
    const before = valuesOf(s);
    const was = parse(before);
    const old = 'input' in was ? was.input : {};
    const { changed, previous } = changedFields(input, old, [
      'key',
      'title',
      'kind',
      'start',
      'target',
      'unit',
      'weight',
    ]);
    if (values.direction !== before.direction && values.direction) {
      changed.direction = values.direction;
      previous.direction = s.direction;
    }
    if (!Object.keys(changed).length) {
      setSaved(`Nothing changed in ${s.key}.`);
      onDone?.(`Nothing changed in ${s.key}.`);
      return;
    }
    const answer = await update({
      input: { id: s.id, expectedVersion: s.version, ...changed } as never,
    });
    const kr = answer.data?.updateKeyResult;
    if (answer.error || !kr) {
      if (answer.error) setErrors(placeErrors(answer.error, FIELDS));
      return;
    }
    undo.push({
      label: `edit key result ${kr.key}`,
      steps: [
        {
          op: 'updateKeyResult',
          input: { id: s.id, expectedVersion: kr.version, ...previous } as never,
        },
      ],
    });
    setErrors(NO_ERRORS);
    const message = `Saved key result ${kr.key}.`;
    setSaved(message);
    onDone?.(message);
  }

  const name = stored
    ? `Edit key result ${stored.key}`
    : `New key result for ${objective?.key ?? ''}`;
  return (
    <form
      className="authoring-form"
      aria-label={name}
      onSubmit={submit}
      onKeyDown={closeOnEscape(onClose)}
    >
      <div className="form-grid">
        <Field id={id} name="key" label="Key result key" errors={errors}>
          <input ref={keyRef} value={values.key} onChange={set('key')} autoComplete="off" />
        </Field>
        <Field id={id} name="title" label="Key result title" errors={errors}>
          <input value={values.title} onChange={set('title')} />
        </Field>
        <Field id={id} name="kind" label="Kind" errors={errors}>
          <select value={values.kind} onChange={set('kind')}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id} name="start" label="Start" errors={errors}>
          <input type="number" step="any" value={values.start} onChange={set('start')} />
        </Field>
        <Field id={id} name="target" label="Target" errors={errors}>
          <input type="number" step="any" value={values.target} onChange={set('target')} />
        </Field>
        <Field id={id} name="unit" label="Unit" errors={errors}>
          <input value={values.unit} onChange={set('unit')} placeholder="e.g. %, €, logos" />
        </Field>
        <Field id={id} name="weight" label="Weight" errors={errors}>
          <input type="number" step="any" min="0" value={values.weight} onChange={set('weight')} />
        </Field>
        <Field id={id} name="direction" label="Direction" errors={errors}>
          <select value={values.direction} onChange={set('direction')}>
            <option value="">From start and target</option>
            <option value="INCREASE">Increase</option>
            <option value="DECREASE">Decrease (keep at or below)</option>
          </select>
        </Field>
      </div>
      <FormProblems errors={errors} onReload={onReload} />
      <FormButtons
        submitLabel={stored ? 'Save key result' : 'Create key result'}
        disabled={created.fetching || updated.fetching}
        onClose={onClose}
        saved={saved}
      />
    </form>
  );
}
