import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SourceKind } from '../../gql/graphql';
import {
  ASANA_API_URL,
  asanaSettingsInput,
  DEFAULT_ASANA_KEY_PREFIX,
  type AsanaInitiativeFrom,
  type AsanaSprintFrom,
} from './asanaSettings';
import { placeErrors, type PlacedErrors, type SourceField } from './fieldErrors';
import {
  DEFAULT_INITIATIVE_LABEL_PREFIX,
  DEFAULT_POINTS_LABEL_PREFIX,
  GITHUB_API_URL,
  githubSettingsInput,
  type InitiativeFrom,
} from './githubSettings';
import {
  DEFAULT_SPRINT_FIELD,
  duplicateKey,
  jiraSettingsInput,
  STORY_POINT_FIELDS,
  type TeamRow,
} from './jiraSettings';
import {
  LINEAR_API_URL,
  linearSettingsInput,
  linearTeamKey,
  type ProjectsBy,
} from './linearSettings';
import { CreateTicketSource, SourceTeamsQuery } from './operations';
import type { ShownSecret } from './SecretPanel';
import { TeamRows } from './TeamRows';

/** Jira Cloud, Linear, GitHub and Asana can be created; the API answers BAD_USER_INPUT for the others. */
const KINDS: { kind: SourceKind; label: string; available: boolean }[] = [
  { kind: 'JIRA_CLOUD', label: 'Jira Cloud', available: true },
  { kind: 'LINEAR', label: 'Linear', available: true },
  { kind: 'GITHUB', label: 'GitHub', available: true },
  { kind: 'ASANA', label: 'Asana', available: true },
  { kind: 'TRELLO', label: 'Trello (not yet)', available: false },
];

/** What the site and credential fields are called, and hold, for each kind. */
const CONNECTION: Partial<
  Record<
    SourceKind,
    { name: string; site: string; sitePlaceholder: string; credentials: string; secret: string }
  >
> = {
  JIRA_CLOUD: {
    name: 'Acme Jira',
    site: 'Site URL',
    sitePlaceholder: 'https://acme.atlassian.net',
    credentials: 'API credentials (email:api-token)',
    secret: 'you@acme.com:api-token',
  },
  LINEAR: {
    name: 'Acme Linear',
    site: `Site URL (optional; default ${LINEAR_API_URL})`,
    sitePlaceholder: LINEAR_API_URL,
    credentials: 'API key',
    secret: 'lin_api_…',
  },
  GITHUB: {
    name: 'Acme GitHub',
    site: `API URL (optional; default ${GITHUB_API_URL})`,
    sitePlaceholder: GITHUB_API_URL,
    credentials: 'Token',
    secret: 'github_pat_…',
  },
  ASANA: {
    name: 'Acme Asana',
    site: `API URL (optional; default ${ASANA_API_URL})`,
    sitePlaceholder: ASANA_API_URL,
    credentials: 'Personal access token',
    secret: '2/1200…',
  },
};
const OTHER = 'other';
const NO_ERRORS: PlacedErrors = { fields: {}, boards: {}, linearTeams: {}, form: [] };

let nextRow = 1;
const emptyRow = (): TeamRow => ({ rowId: nextRow++, key: '', team: '' });
const trimmed = (key: string) => key.trim();

/**
 * ADMIN and OWNER connect a tracker: its site, the API credentials reconciliation uses, and the
 * tracker's own settings (jiraSettings, linearSettings, githubSettings). Creating never contacts
 * the tracker; the answer carries the webhook secret, handed to the page to show once. The API's
 * problems appear next to the fields they name.
 */
export function CreateSourceForm({ onCreated }: { onCreated: (shown: ShownSecret) => void }) {
  const id = useId();
  const [teams] = useQuery({ query: SourceTeamsQuery });
  const [state, create] = useMutation(CreateTicketSource);
  const [kind, setKind] = useState<SourceKind>('JIRA_CLOUD');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [credentials, setCredentials] = useState('');
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  // Jira Cloud
  const [pointsChoice, setPointsChoice] = useState<string>(STORY_POINT_FIELDS[0].id);
  const [pointsOther, setPointsOther] = useState('');
  const [sprintField, setSprintField] = useState(DEFAULT_SPRINT_FIELD);
  const [boards, setBoards] = useState<TeamRow[]>(() => [emptyRow()]);
  const [projects, setProjects] = useState('');
  // Linear
  const [linearRows, setLinearRows] = useState<TeamRow[]>(() => [emptyRow()]);
  const [projectsBy, setProjectsBy] = useState<ProjectsBy>('name');
  const [linearTeams, setLinearTeams] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  // GitHub
  const [repositories, setRepositories] = useState('');
  const [pointsPrefix, setPointsPrefix] = useState(DEFAULT_POINTS_LABEL_PREFIX);
  const [initiativeFrom, setInitiativeFrom] = useState<InitiativeFrom>('milestone');
  const [initiativePrefix, setInitiativePrefix] = useState(DEFAULT_INITIATIVE_LABEL_PREFIX);
  const [inProgressLabels, setInProgressLabels] = useState('');
  const [sprintPrefix, setSprintPrefix] = useState('');
  // Asana
  const [asanaProjects, setAsanaProjects] = useState('');
  const [pointsField, setPointsField] = useState('');
  const [sprintFrom, setSprintFrom] = useState<AsanaSprintFrom>('none');
  const [asanaInitiativeFrom, setAsanaInitiativeFrom] = useState<AsanaInitiativeFrom>('tag');
  const [keyPrefix, setKeyPrefix] = useState('');

  const teamOptions = teams.data?.teams.nodes ?? [];
  const connection = CONNECTION[kind] ?? CONNECTION.JIRA_CLOUD!;

  function settingsInput(): Record<string, unknown> {
    if (kind === 'LINEAR') {
      return linearSettingsInput({ teamRows: linearRows, projectsBy, teams: linearTeams });
    }
    if (kind === 'ASANA') {
      return asanaSettingsInput({
        projects: asanaProjects,
        pointsField,
        sprintFrom,
        initiativeFrom: asanaInitiativeFrom,
        keyPrefix,
      });
    }
    if (kind === 'GITHUB') {
      return githubSettingsInput({
        repositories,
        pointsLabelPrefix: pointsPrefix,
        initiativeFrom,
        initiativeLabelPrefix: initiativePrefix,
        inProgressLabels,
        sprintLabelPrefix: sprintPrefix,
      });
    }
    return jiraSettingsInput({
      storyPointsField: pointsChoice === OTHER ? pointsOther : pointsChoice,
      sprintField,
      boards,
      projects,
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (kind === 'JIRA_CLOUD') {
      const twice = duplicateKey(boards);
      if (twice) {
        setErrors({ ...NO_ERRORS, fields: { boardTeams: `board ${twice} is listed twice` } });
        return;
      }
    }
    if (kind === 'LINEAR') {
      const twice = duplicateKey(linearRows, linearTeamKey);
      if (twice) {
        setErrors({ ...NO_ERRORS, fields: { teamTeams: `team ${twice} is listed twice` } });
        return;
      }
    }
    setErrors(NO_ERRORS);
    const secret = kind === 'LINEAR' ? webhookSecret.trim() : '';
    const answer = await create({
      input: {
        kind,
        name,
        baseUrl: baseUrl.trim() || null,
        credentials: credentials || null,
        settings: settingsInput(),
        ...(secret ? { webhookSecret: secret } : {}),
      },
    });
    if (answer.error || !answer.data) {
      setErrors(answer.error ? placeErrors(answer.error) : { ...NO_ERRORS, form: ['No answer.'] });
      return;
    }
    const created = answer.data.createTicketSource;
    onCreated({
      kind,
      sourceName: created.source.name,
      webhookPath: created.source.webhookPath,
      webhookSecret: created.webhookSecret,
      rotated: false,
      fromTracker: Boolean(secret),
    });
    // the credentials and secrets leave the page's state as soon as the API has them
    setName('');
    setBaseUrl('');
    setCredentials('');
    setPointsChoice(STORY_POINT_FIELDS[0].id);
    setPointsOther('');
    setSprintField(DEFAULT_SPRINT_FIELD);
    setBoards([emptyRow()]);
    setProjects('');
    setLinearRows([emptyRow()]);
    setProjectsBy('name');
    setLinearTeams('');
    setWebhookSecret('');
    setRepositories('');
    setPointsPrefix(DEFAULT_POINTS_LABEL_PREFIX);
    setInitiativeFrom('milestone');
    setInitiativePrefix(DEFAULT_INITIATIVE_LABEL_PREFIX);
    setInProgressLabels('');
    setSprintPrefix('');
    setAsanaProjects('');
    setPointsField('');
    setSprintFrom('none');
    setAsanaInitiativeFrom('tag');
    setKeyPrefix('');
  }

  /** A labelled control with its problem (and a hint) under it, tied by aria-describedby. */
  const field = (
    key: SourceField,
    label: string,
    control: (a11y: A11y) => ReactNode,
    hint?: ReactNode,
  ) => {
    const message = errors.fields[key];
    const described = [hint && `${id}-${key}-hint`, message && `${id}-${key}-error`].filter(
      Boolean,
    );
    const a11y: A11y = {
      id: `${id}-${key}`,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': described.length ? described.join(' ') : undefined,
    };
    return (
      <div className="form-field" data-field={key}>
        <label htmlFor={a11y.id}>{label}</label>
        {control(a11y)}
        {hint && (
          <span className="muted" id={`${id}-${key}-hint`}>
            {hint}
          </span>
        )}
        {message && (
          <span className="field-error" id={`${id}-${key}-error`}>
            {message}
          </span>
        )}
      </div>
    );
  };

  const text = (
    key: SourceField,
    label: string,
    value: string,
    set: (v: string) => void,
    placeholder?: string,
    hint?: ReactNode,
  ) =>
    field(
      key,
      label,
      (a) => (
        <input
          {...a}
          value={value}
          placeholder={placeholder}
          onChange={(e) => set(e.target.value)}
        />
      ),
      hint,
    );

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
          <select
            {...a}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as SourceKind);
              setErrors(NO_ERRORS);
            }}
          >
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
            placeholder={connection.name}
            onChange={(e) => setName(e.target.value)}
          />
        ))}
        {field(
          'baseUrl',
          connection.site,
          (a) => (
            <input
              {...a}
              type="url"
              value={baseUrl}
              placeholder={connection.sitePlaceholder}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          ),
          kind === 'GITHUB' ? 'GitHub Enterprise Server: https://<host>/api/v3' : undefined,
        )}
        {field(
          'credentials',
          connection.credentials,
          (a) => (
            <input
              {...a}
              type="password"
              autoComplete="off"
              value={credentials}
              placeholder={connection.secret}
              onChange={(e) => setCredentials(e.target.value)}
            />
          ),
          kind === 'LINEAR'
            ? 'A personal API key (Settings → Security & access).'
            : kind === 'GITHUB'
              ? 'A fine-grained token with read access to Issues.'
              : kind === 'ASANA'
                ? 'A personal access token of a user who sees the projects (My apps → Personal access tokens).'
                : undefined,
        )}
        {kind === 'JIRA_CLOUD' && (
          <>
            {field('storyPointsField', 'Story points field', (a) => (
              <span className="field-row">
                <select
                  {...a}
                  value={pointsChoice}
                  onChange={(e) => setPointsChoice(e.target.value)}
                >
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
            {text('sprintField', 'Sprint field', sprintField, setSprintField)}
            {text(
              'projects',
              'Projects (keys; empty: every project)',
              projects,
              setProjects,
              'PAY, PLAT',
            )}
          </>
        )}
        {kind === 'LINEAR' && (
          <>
            {field('projectsBy', 'Projects map initiatives by', (a) => (
              <select
                {...a}
                value={projectsBy}
                onChange={(e) => setProjectsBy(e.target.value as ProjectsBy)}
              >
                <option value="name">name (the project name is the initiative key)</option>
                <option value="id">id (for project names with spaces)</option>
              </select>
            ))}
            {text(
              'teams',
              'Linear teams to reconcile (keys; empty: every team)',
              linearTeams,
              setLinearTeams,
              'ENG, WEB',
            )}
            {field(
              'webhookSecret',
              "Linear's signing secret (optional)",
              (a) => (
                <input
                  {...a}
                  type="password"
                  autoComplete="off"
                  value={webhookSecret}
                  onChange={(e) => setWebhookSecret(e.target.value)}
                />
              ),
              "Linear's New webhook form shows a signing secret of its own: paste it here, or leave this empty for a generated one.",
            )}
          </>
        )}
        {kind === 'GITHUB' && (
          <>
            {text(
              'repositories',
              'Repositories (owner/repo; empty: no reconciliation)',
              repositories,
              setRepositories,
              'acme/payments, acme/web',
            )}
            {text(
              'pointsLabelPrefix',
              'Points label prefix',
              pointsPrefix,
              setPointsPrefix,
              DEFAULT_POINTS_LABEL_PREFIX,
              'A label points:3 gives 3 story points.',
            )}
            {field('initiativeFrom', 'Initiative from', (a) => (
              <select
                {...a}
                value={initiativeFrom}
                onChange={(e) => setInitiativeFrom(e.target.value as InitiativeFrom)}
              >
                <option value="milestone">milestone (its title is the initiative key)</option>
                <option value="label">label (with the prefix below)</option>
              </select>
            ))}
            {initiativeFrom === 'label' &&
              text(
                'initiativeLabelPrefix',
                'Initiative label prefix',
                initiativePrefix,
                setInitiativePrefix,
                DEFAULT_INITIATIVE_LABEL_PREFIX,
                'A label epic:PAY-100 links the issue to the initiative PAY-100.',
              )}
            {text(
              'inProgressLabels',
              'In-progress labels (comma-separated)',
              inProgressLabels,
              setInProgressLabels,
              'in progress, doing',
            )}
            {text(
              'sprintLabelPrefix',
              'Sprint label prefix (optional)',
              sprintPrefix,
              setSprintPrefix,
              'sprint:',
              'A label sprint:Sprint 12 puts the issue in the sprint named Sprint 12.',
            )}
          </>
        )}
        {kind === 'ASANA' && (
          <>
            {text(
              'projects',
              'Projects (gids; empty: no reconciliation)',
              asanaProjects,
              setAsanaProjects,
              '1201234567890123',
              'The number in the project’s address: app.asana.com/0/<project gid>/…',
            )}
            {text(
              'pointsField',
              'Points custom field (optional)',
              pointsField,
              setPointsField,
              'Story Points',
              'Empty: the first number field named Points, Story Points or Estimate.',
            )}
            {field('sprintFrom', 'Sprint from', (a) => (
              <select
                {...a}
                value={sprintFrom}
                onChange={(e) => setSprintFrom(e.target.value as AsanaSprintFrom)}
              >
                <option value="none">none (tasks have no sprint)</option>
                <option value="section">section (its name is a sprint name)</option>
                <option value="project">project (one project per sprint)</option>
              </select>
            ))}
            {field('initiativeFrom', 'Initiative from', (a) => (
              <select
                {...a}
                value={asanaInitiativeFrom}
                onChange={(e) => setAsanaInitiativeFrom(e.target.value as AsanaInitiativeFrom)}
              >
                <option value="tag">tag (epic:PAY-100 links to the initiative PAY-100)</option>
                <option value="project">project (its name is the initiative key)</option>
                <option value="parent">parent task (its name is the initiative key)</option>
              </select>
            ))}
            {text(
              'keyPrefix',
              'Key prefix (optional)',
              keyPrefix,
              setKeyPrefix,
              DEFAULT_ASANA_KEY_PREFIX,
              'Ticket keys are <prefix>-<task gid>: the prefix the CSV imports of these projects used.',
            )}
          </>
        )}
      </div>
      {kind === 'JIRA_CLOUD' && (
        <TeamRows
          idPrefix={`${id}-boardTeams`}
          legend="Boards and their teams"
          hint={
            <>
              A sprint of a board belongs to the team mapped here (the board id is in the
              board&apos;s URL: …/boards/<strong>3</strong>).
            </>
          }
          keyLabel="Board id"
          addLabel="Add a board"
          testIdPrefix="board-row"
          numeric
          rows={boards}
          setRows={setBoards}
          newRow={emptyRow}
          rowErrors={errors.boards}
          normalize={trimmed}
          error={errors.fields.boardTeams}
          teams={teamOptions}
        />
      )}
      {kind === 'LINEAR' && (
        <TeamRows
          idPrefix={`${id}-teamTeams`}
          legend="Linear teams and their teams"
          hint={
            <>
              A sprint made from a Linear team&apos;s cycle belongs to the team mapped here (the
              Linear team key is the prefix of its issues: <strong>ENG</strong>-123).
            </>
          }
          keyLabel="Linear team key"
          addLabel="Add a Linear team"
          testIdPrefix="team-row"
          rows={linearRows}
          setRows={setLinearRows}
          newRow={emptyRow}
          rowErrors={errors.linearTeams}
          normalize={linearTeamKey}
          error={errors.fields.teamTeams}
          teams={teamOptions}
        />
      )}
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
