import { useId, useRef, useState, type ComponentType, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SourceKind } from '../../gql/graphql';
import { NO_ERRORS, placeErrors, type PlacedErrors } from './fieldErrors';
import { fieldHelpers } from './FormField';
import AsanaFields from './kinds/AsanaFields';
import GithubFields from './kinds/GithubFields';
import JiraFields from './kinds/JiraFields';
import type { KindFieldsHandle, KindFieldsProps } from './kinds/KindFields';
import LinearFields from './kinds/LinearFields';
import TrelloFields from './kinds/TrelloFields';
import { CreateTicketSource, SourceTeamsQuery } from './operations';
import type { ShownSecret } from './SecretPanel';
import { CONNECTION, KINDS } from './sourceKinds';

/** Each kind's own settings fields (kinds/): the shell knows only what every kind has. */
const FIELDS: Partial<Record<SourceKind, ComponentType<KindFieldsProps>>> = {
  JIRA_CLOUD: JiraFields,
  LINEAR: LinearFields,
  GITHUB: GithubFields,
  ASANA: AsanaFields,
  TRELLO: TrelloFields,
};

/**
 * ADMIN and OWNER connect a tracker: its site, the API credentials reconciliation uses, and the
 * tracker's own settings (one component per kind in kinds/). Creating never contacts the tracker;
 * the answer carries the webhook secret, handed to the page to show once. The API's problems
 * appear next to the fields they name.
 */
export function CreateSourceForm({ onCreated }: { onCreated: (shown: ShownSecret) => void }) {
  const id = useId();
  const [teams] = useQuery({ query: SourceTeamsQuery });
  const [state, create] = useMutation(CreateTicketSource);
  const [kind, setKind] = useState<SourceKind>('JIRA_CLOUD');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [credentials, setCredentials] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  // a new one after each create: the kind's fields remount empty
  const [generation, setGeneration] = useState(0);
  const settings = useRef<KindFieldsHandle>(null);

  const teamOptions = teams.data?.teams.nodes ?? [];
  const connection = CONNECTION[kind] ?? CONNECTION.JIRA_CLOUD!;
  const Fields = FIELDS[kind] ?? JiraFields;
  const { field } = fieldHelpers(id, errors.fields);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const kindFields = settings.current;
    if (!kindFields) return;
    const credentialsProblem = credentials ? connection.checkCredentials?.(credentials) : null;
    if (credentialsProblem) {
      setErrors({ ...NO_ERRORS, fields: { credentials: credentialsProblem } });
      return;
    }
    const problem = kindFields.check();
    if (problem) {
      setErrors({ ...NO_ERRORS, fields: problem });
      return;
    }
    const secret = connection.trackerSecret ? webhookSecret.trim() : '';
    // the browser says so too (required); a tracker signing with its own secret needs it
    if (connection.trackerSecret?.required && !secret) {
      setErrors({
        ...NO_ERRORS,
        fields: { webhookSecret: `is required: ${connection.trackerSecret.label}` },
      });
      return;
    }
    setErrors(NO_ERRORS);
    const answer = await create({
      input: {
        kind,
        name,
        baseUrl: baseUrl.trim() || null,
        credentials: credentials || null,
        settings: kindFields.settingsInput(),
        ...(secret ? { webhookSecret: secret } : {}),
      },
    });
    if (answer.error || !answer.data) {
      setErrors(
        answer.error ? placeErrors(answer.error, kind) : { ...NO_ERRORS, form: ['No answer.'] },
      );
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
    setWebhookSecret('');
    setGeneration((g) => g + 1);
  }

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
          connection.siteHint,
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
          connection.credentialsHint,
        )}
        {connection.trackerSecret &&
          field(
            'webhookSecret',
            connection.trackerSecret.label,
            (a) => (
              <input
                {...a}
                type="password"
                autoComplete="off"
                required={connection.trackerSecret?.required}
                value={webhookSecret}
                onChange={(e) => setWebhookSecret(e.target.value)}
              />
            ),
            connection.trackerSecret.hint,
          )}
      </div>
      <Fields
        key={`${kind}-${generation}`}
        ref={settings}
        idPrefix={id}
        errors={errors}
        teams={teamOptions}
      />
      <button type="submit" className="primary" disabled={state.fetching}>
        {state.fetching ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
