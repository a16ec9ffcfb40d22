import { useEffect, useId, useRef, useState } from 'react';

/** What a create or a rotation answered: the secret is in memory here and nowhere else. */
export interface ShownSecret {
  sourceName: string;
  webhookPath: string;
  webhookSecret: string;
  /** a rotation: the URL in Jira stays, only the secret changes */
  rotated: boolean;
}

/**
 * The one time a webhook secret is on screen (the API never answers it again): the full webhook
 * URL and the secret with copy buttons, and where they go in Jira Cloud. Closing the panel drops
 * the secret; a new one comes only from a rotation.
 */
export function SecretPanel({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const id = useId();
  const url = `${window.location.origin}${shown.webhookPath}`;
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
          : `Set up the Jira Cloud webhook for ${shown.sourceName}`}
      </h2>
      <p className="note" role="note">
        <strong>The secret is shown only this once.</strong> Copy it now: it cannot be shown again
        (rotate the secret to get a new one).
        {shown.rotated && ' The old secret has stopped working: update the webhook in Jira.'}
      </p>
      <CopyField label="Webhook URL" value={url} testId="webhook-url" />
      <CopyField label="Secret" value={shown.webhookSecret} testId="webhook-secret" />
      <h3>In Jira Cloud</h3>
      <ol className="steps">
        <li>
          Open <strong>Jira settings → System → WebHooks</strong> and choose{' '}
          <strong>Create a WebHook</strong>
          {shown.rotated && ' (or edit the existing one)'}.
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
      <button type="button" className="primary" onClick={onDone}>
        I have copied them: hide the secret
      </button>
    </section>
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
