import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SourceKind } from '../../gql/graphql';
import { placeErrors, type PlacedErrors, type SourceField } from './fieldErrors';
import {
  DEFAULT_SPRINT_FIELD,
  duplicateBoard,
  jiraSettingsInput,
  STORY_POINT_FIELDS,
  type BoardRow,
} from './jiraSettings';
import { CreateTicketSource, SourceTeamsQuery } from './operations';
import type { ShownSecret } from './SecretPanel';

/** Only Jira Cloud can be created today; the API answers BAD_USER_INPUT for the others. */
const KINDS: { kind: SourceKind; label: string; available: boolean }[] = [
  { kind: 'JIRA_CLOUD', label: 'Jira Cloud', available: true },
  { kind: 'LINEAR', label: 'Linear (not yet)', available: false },
  { kind: 'GITHUB', label: 'GitHub (not yet)', available: false },
  { kind: 'ASANA', label: 'Asana (not yet)', available: false },
  { kind: 'TRELLO', label: 'Trello (not yet)', available: false },
];
const OTHER = 'other';
const NO_ERRORS: PlacedErrors = { fields: {}, boards: {}, form: [] };

let nextRow = 1;
const emptyRow = (): BoardRow => ({ rowId: nextRow++, board: '', team: '' });

/**
 * ADMIN and OWNER connect a tracker: its site, the API credentials reconciliation uses, and the
 * Jira settings. Creating never contacts Jira; the answer carries the webhook secret, handed to
 * the page to show once. The API's problems appear next to the fields they name.
 */
export function CreateSourceForm({ onCreated }: { onCreated: (shown: ShownSecret) => void }) {
  const id = useId();
  const [teams] = useQuery({ query: SourceTeamsQuery });
  const [state, create] = useMutation(CreateTicketSource);
  const [kind, setKind] = useState<SourceKind>('JIRA_CLOUD');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [credentials, setCredentials] = useState('');
  const [pointsChoice, setPointsChoice] = useState<string>(STORY_POINT_FIELDS[0].id);
  const [pointsOther, setPointsOther] = useState('');
  const [sprintField, setSprintField] = useState(DEFAULT_SPRINT_FIELD);
  const [boards, setBoards] = useState<BoardRow[]>(() => [emptyRow()]);
  const [projects, setProjects] = useState('');
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);

  const teamOptions = teams.data?.teams.nodes ?? [];
  const setBoard = (rowId: number, change: Partial<BoardRow>) =>
    setBoards((rows) => rows.map((r) => (r.rowId === rowId ? { ...r, ...change } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const twice = duplicateBoard(boards);
    if (twice) {
      setErrors({ ...NO_ERRORS, fields: { boardTeams: `board ${twice} is listed twice` } });
      return;
    }
    setErrors(NO_ERRORS);
    const settings = jiraSettingsInput({
      storyPointsField: pointsChoice === OTHER ? pointsOther : pointsChoice,
      sprintField,
      boards,
      projects,
    });
    const answer = await create({
      input: {
        kind,
        name,
        baseUrl: baseUrl.trim() || null,
        credentials: credentials || null,
        settings,
      },
    });
    if (answer.error || !answer.data) {
      setErrors(answer.error ? placeErrors(answer.error) : { ...NO_ERRORS, form: ['No answer.'] });
      return;
    }
    const { source, webhookSecret } = answer.data.createTicketSource;
    onCreated({
      sourceName: source.name,
      webhookPath: source.webhookPath,
      webhookSecret,
      rotated: false,
    });
    // the credentials leave the page's state as soon as the API has them
    setName('');
    setBaseUrl('');
    setCredentials('');
    setPointsChoice(STORY_POINT_FIELDS[0].id);
    setPointsOther('');
    setSprintField(DEFAULT_SPRINT_FIELD);
    setBoards([emptyRow()]);
    setProjects('');
  }

  /** A labelled control with its problem under it, tied by aria-describedby. */
  const field = (key: SourceField, label: string, control: (a11y: A11y) => ReactNode) => {
    const message = errors.fields[key];
    const a11y: A11y = {
      id: `${id}-${key}`,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${id}-${key}-error` : undefined,
    };
    return (
      <div className="form-field" data-field={key}>
        <label htmlFor={a11y.id}>{label}</label>
        {control(a11y)}
        {message && (
          <span className="field-error" id={`${id}-${key}-error`}>
            {message}
          </span>
        )}
      </div>
    );
  };

  return (
    <form className="card source-form" aria-label="Connect a ticket source" onSubmit={submit}>
      <h2>Connect a ticket source</h2>
      {errors.form.length > 0 && (
        <p className="state-error" role="alert">
          {errors.form.join(' ')}
        </p>
      )}
      <div className="form-grid">
        {field('kind', 'Tracker', (a) => (
          <select {...a} value={kind} onChange={(e) => setKind(e.target.value as SourceKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind} disabled={!k.available}>
                {k.label}
              </option>
            ))}
          </select>
        ))}
        {field('name', 'Name', (a) => (
          <input
            {...a}
            required
            maxLength={200}
            value={name}
            placeholder="Acme Jira"
            onChange={(e) => setName(e.target.value)}
          />
        ))}
        {field('baseUrl', 'Site URL', (a) => (
          <input
            {...a}
            type="url"
            value={baseUrl}
            placeholder="https://acme.atlassian.net"
            onChange={(e) => setBaseUrl(e.target.value)}
          />
        ))}
        {field('credentials', 'API credentials (email:api-token)', (a) => (
          <input
            {...a}
            type="password"
            autoComplete="off"
            value={credentials}
            placeholder="you@acme.com:api-token"
            onChange={(e) => setCredentials(e.target.value)}
          />
        ))}
        {field('storyPointsField', 'Story points field', (a) => (
          <span className="field-row">
            <select {...a} value={pointsChoice} onChange={(e) => setPointsChoice(e.target.value)}>
              {STORY_POINT_FIELDS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
              <option value={OTHER}>another field…</option>
            </select>
            {pointsChoice === OTHER && (
              <input
                aria-label="Story points field id"
                required
                value={pointsOther}
                placeholder="customfield_10002"
                onChange={(e) => setPointsOther(e.target.value)}
              />
            )}
          </span>
        ))}
        {field('sprintField', 'Sprint field', (a) => (
          <input {...a} value={sprintField} onChange={(e) => setSprintField(e.target.value)} />
        ))}
        {field('projects', 'Projects (keys; empty: every project)', (a) => (
          <input
            {...a}
            value={projects}
            placeholder="PAY, PLAT"
            onChange={(e) => setProjects(e.target.value)}
          />
        ))}
      </div>
      <fieldset
        className="board-teams"
        aria-describedby={errors.fields.boardTeams ? `${id}-boardTeams-error` : undefined}
      >
        <legend>Boards and their teams</legend>
        <p className="muted">
          A sprint of a board belongs to the team mapped here (the board id is in the board&apos;s
          URL: …/boards/<strong>3</strong>).
        </p>
        {boards.map((row, i) => {
          const message = errors.boards[row.board.trim()];
          const errorId = `${id}-board-${row.rowId}-error`;
          return (
            <div className="board-row" key={row.rowId} data-testid={`board-row-${i}`}>
              <label>
                Board id
                <input
                  inputMode="numeric"
                  value={row.board}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? errorId : undefined}
                  onChange={(e) => setBoard(row.rowId, { board: e.target.value })}
                />
              </label>
              <label>
                Team
                <select
                  value={row.team}
                  aria-invalid={message ? true : undefined}
                  onChange={(e) => setBoard(row.rowId, { team: e.target.value })}
                >
                  <option value="">choose a team…</option>
                  {teamOptions.map((t) => (
                    <option key={t.id} value={t.key}>
                      {t.key} {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="link"
                onClick={() => setBoards((rows) => rows.filter((r) => r.rowId !== row.rowId))}
              >
                Remove
              </button>
              {message && (
                <span className="field-error" id={errorId}>
                  {message}
                </span>
              )}
            </div>
          );
        })}
        <button type="button" onClick={() => setBoards((rows) => [...rows, emptyRow()])}>
          Add a board
        </button>
        {errors.fields.boardTeams && (
          <span className="field-error" id={`${id}-boardTeams-error`}>
            {errors.fields.boardTeams}
          </span>
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={state.fetching}>
        {state.fetching ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}

interface A11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}
