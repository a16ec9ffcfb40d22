import { useEffect, useId, useRef, useState } from 'react';
import type { SourceKind } from '../../gql/graphql';
import { SECRET_FROM, TRACKER_NAME } from './sourceKinds';

/** What a create or a rotation answered: the secret is in memory here and nowhere else. */
export interface ShownSecret {
  kind: SourceKind;
  sourceName: string;
  webhookPath: string;
  webhookSecret: string;
  /** a rotation: the URL in the tracker stays, only the secret changes */
  rotated: boolean;
  /** the secret is the tracker's own (Linear's webhook form, Trello's app secret), pasted */
  fromTracker?: boolean;
}

/**
 * The one time a webhook secret is on screen (the API never answers it again): the full webhook
 * URL and the secret with copy buttons, and where they go in the tracker. Closing the panel drops
 * the secret; a new one comes only from a rotation. A secret that is the tracker's own (Trello's
 * app secret, pasted) or that the tracker hands over itself (Asana's handshake) is not shown: there
 * is nothing to copy into the tracker.
 */
export function SecretPanel({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const id = useId();
  const tracker = TRACKER_NAME[shown.kind] ?? 'the tracker';
  const secretFrom = SECRET_FROM[shown.kind];
  // Asana's target carries the handshake token (the generated secret): only that URL may hand
  // over Asana's own secret, so the webhook URL alone, which members can read, cannot
  const url =
    `${window.location.origin}${shown.webhookPath}` +
    (secretFrom === 'handshake' ? `?handshake=${encodeURIComponent(shown.webhookSecret)}` : '');
  const panel = useRef<HTMLElement>(null);
  // the form that produced it may be far below: bring the panel into view and say it is there
  useEffect(() => {
    panel.current?.focus();
    panel.current?.scrollIntoView?.({ block: 'start' });
  }, [shown]);
  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="card secret-panel"
      aria-labelledby={`${id}-title`}
      data-testid="secret-panel"
    >
      <h2 id={`${id}-title`}>
        {shown.rotated
          ? `New webhook secret for ${shown.sourceName}`
          : `Set up the ${tracker} webhook for ${shown.sourceName}`}
      </h2>
      {secretFrom === 'tracker' ? (
        // the user's own secret: showing it back would only put it on screen once more
        <p className="note" role="note">
          {tracker} signs its webhooks with the app secret you pasted: there is no secret to copy.
          {shown.rotated
            ? ` The source now checks ${tracker}'s signatures with the new secret; the webhooks registered in ${tracker} stay as they are.`
            : ' Register the webhook with the URL below.'}
        </p>
      ) : secretFrom === 'handshake' ? (
        // Asana hands over a secret of its own in the handshake: this one is never used
        <p className="note" role="note">
          Asana sends its own secret when the webhook is registered, to the URL below only:{' '}
          <strong>the URL carries a one-time handshake token and is shown only this once.</strong>
          {shown.rotated &&
            ' The old secret has stopped working, and the source takes one new handshake: register the webhook again with this URL.'}
        </p>
      ) : (
        <p className="note" role="note">
          <strong>The secret is shown only this once.</strong> Copy it now: it cannot be shown again
          (rotate the secret to get a new one).
          {shown.rotated &&
            ` The old secret has stopped working: update the webhook in ${tracker === 'Jira Cloud' ? 'Jira' : tracker}.`}
        </p>
      )}
      <CopyField label="Webhook URL" value={url} testId="webhook-url" />
      {(secretFrom === 'generated' || secretFrom === 'tracker-optional') && (
        <CopyField label="Secret" value={shown.webhookSecret} testId="webhook-secret" />
      )}
      <h3>In {tracker}</h3>
      <Steps shown={shown} />
      <button type="button" className="primary" onClick={onDone}>
        {secretFrom === 'generated' || secretFrom === 'tracker-optional'
          ? 'I have copied them: hide the secret'
          : 'I have the URL: close'}
      </button>
    </section>
  );
}

/** Trello's own example (README "Trello"): the credentials in the header, never in the URL. */
const TRELLO_CURL =
  'curl -X POST -H \'Authorization: OAuth oauth_consumer_key="<key>", oauth_token="<token>"\' ' +
  "'https://api.trello.com/1/webhooks?callbackURL=<URL>&idModel=<board id>'";

/** Where the URL and the secret go, tracker by tracker (README "Live ticket sources"). */
function Steps({ shown }: { shown: ShownSecret }) {
  const edit = shown.rotated && ' (or edit the existing one)';
  if (shown.kind === 'TRELLO') {
    return (
      <ol className="steps" data-testid="webhook-steps">
        {shown.rotated && (
          <li>
            The webhooks stay registered: nothing to change in Trello once the new app secret is in
            use there.
          </li>
        )}
        <li>
          Trello has no webhook form: register one per board through Trello&apos;s API,{' '}
          <code>POST /1/webhooks</code> with <code>callbackURL</code> the server&apos;s address
          followed by <code>{shown.webhookPath}</code> (the <strong>URL</strong> above) and{' '}
          <code>idModel</code> the board&apos;s id, authorized with the API key and token: for
          example <code>{TRELLO_CURL}</code>.
        </li>
        <li>
          Trello&apos;s signature covers the callback URL: the server&apos;s <code>PUBLIC_URL</code>{' '}
          must be the address Trello calls (the start of the callback URL), or every webhook is
          refused.
        </li>
        <li>
          Trello first sends a <code>HEAD</code> to the URL, answered at once; then an action for
          every change of a card.
        </li>
      </ol>
    );
  }
  if (shown.kind === 'LINEAR') {
    return (
      <ol className="steps" data-testid="webhook-steps">
        <li>
          Open <strong>Settings → API → Webhooks</strong> (a workspace admin) and choose{' '}
          <strong>New webhook</strong>
          {edit}.
        </li>
        <li>
          Paste the <strong>URL</strong> above; tick the resource types <strong>Issues</strong> and{' '}
          <strong>Cycles</strong>, for all public teams or one team.
        </li>
        <li>
          Linear&apos;s form shows a <strong>signing secret</strong> of its own.{' '}
          {shown.fromTracker
            ? "You pasted Linear's secret, so it is already set: nothing more to do."
            : "If you pasted Linear's secret, it is already set. Otherwise give Linear's secret to this source through the API (rotateTicketSourceSecret with webhookSecret), or create the webhook through Linear's API with the Secret above."}
        </li>
        <li>Save the webhook.</li>
      </ol>
    );
  }
  if (shown.kind === 'ASANA') {
    return (
      <ol className="steps" data-testid="webhook-steps">
        <li>
          Register a webhook on the project through Asana&apos;s API:{' '}
          <code>POST /api/1.0/webhooks</code> with <code>resource</code> the project gid and{' '}
          <code>target</code> the <strong>URL</strong> above (https, reachable from the internet).
        </li>
        <li>
          Asana first sends a handshake with its own secret to that URL: this source takes it once
          (only with the URL&apos;s handshake token) and answers it, and from then on accepts only
          events Asana signs with it.
        </li>
        <li>
          One webhook per source: to register again, rotate the secret first (that reopens the
          handshake).
        </li>
      </ol>
    );
  }
  if (shown.kind === 'GITHUB') {
    return (
      <ol className="steps" data-testid="webhook-steps">
        <li>
          Open the repository&apos;s (or the organization&apos;s){' '}
          <strong>Settings → Webhooks → Add webhook</strong>
          {edit}.
        </li>
        <li>
          Payload URL: the <strong>URL</strong> above; Content type: <code>application/json</code>;
          Secret: the <strong>Secret</strong> above.
        </li>
        <li>
          Under events, choose <strong>Let me select individual events</strong> and tick{' '}
          <strong>Issues</strong> only, then <strong>Add webhook</strong> (GitHub&apos;s ping is
          answered and ignored).
        </li>
      </ol>
    );
  }
  return (
    <ol className="steps" data-testid="webhook-steps">
      <li>
        Open <strong>Jira settings → System → WebHooks</strong> and choose{' '}
        <strong>Create a WebHook</strong>
        {edit}.
      </li>
      <li>
        Paste the <strong>URL</strong> and the <strong>Secret</strong> above.
      </li>
      <li>
        Under <strong>Events</strong>, tick Issue: <em>created</em>, <em>updated</em>,{' '}
        <em>deleted</em>; and Sprint: <em>created</em>, <em>updated</em>, <em>started</em>,{' '}
        <em>closed</em>, <em>deleted</em>.
      </li>
      <li>
        Optionally narrow the issues with a JQL filter (for example{' '}
        <code>project in (PAY, PLAT)</code>), then <strong>Create</strong>.
      </li>
    </ol>
  );
}

function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // no clipboard (an insecure origin, a denied permission): the text is there to select
      setCopied('no');
    }
  }
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        readOnly
        value={value}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" onClick={() => void copy()} aria-label={`Copy the ${label}`}>
        Copy
      </button>
      {copied && (
        <span role="status" className={copied === 'yes' ? 'ok-text' : 'muted'}>
          {copied === 'yes' ? 'Copied' : 'Select the text and copy it'}
        </span>
      )}
    </div>
  );
}
