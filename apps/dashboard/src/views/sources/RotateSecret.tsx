import { useId, useState, type FormEvent } from 'react';
import type { SourceKind } from '../../gql/graphql';
import { ConfirmButton } from './ConfirmButton';
import { SECRET_FROM, TRACKER_NAME } from './sourceKinds';

/**
 * Rotating a source's webhook secret, as its tracker needs it: a generated secret after a
 * confirmation (Jira, GitHub; for Asana this also reopens the one handshake, so the webhook is
 * registered again); or the tracker's own new secret, pasted (Trello's app secret, required;
 * Linear's signing secret, or empty for a generated one).
 */
export function RotateSecret({
  kind,
  busy,
  onRotate,
}: {
  kind: SourceKind;
  busy: boolean;
  onRotate: (webhookSecret?: string) => void;
}) {
  const id = useId();
  const [pasting, setPasting] = useState(false);
  const [secret, setSecret] = useState('');
  const from = SECRET_FROM[kind];
  const tracker = TRACKER_NAME[kind] ?? 'the tracker';

  if (from === 'generated' || from === 'handshake') {
    return (
      <ConfirmButton
        label="Rotate secret"
        question={
          from === 'handshake'
            ? `The current secret stops working at once, and the source takes a new handshake: register the webhook in ${tracker} again. Rotate?`
            : 'The current secret stops working at once. Rotate?'
        }
        confirmLabel="Rotate"
        busy={busy}
        onConfirm={() => onRotate()}
      />
    );
  }
  if (!pasting) {
    return (
      <button type="button" disabled={busy} onClick={() => setPasting(true)}>
        Rotate secret
      </button>
    );
  }
  const required = from === 'tracker';
  const close = () => {
    setPasting(false);
    setSecret('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pasted = secret.trim();
    if (required && !pasted) return;
    close();
    onRotate(pasted || undefined);
  };
  return (
    <form className="confirm" aria-label={`Rotate the ${tracker} secret`} onSubmit={submit}>
      <label htmlFor={`${id}-secret`}>
        {required ? `${tracker}'s new app secret` : `${tracker}'s new signing secret (optional)`}
      </label>
      <input
        id={`${id}-secret`}
        type="password"
        autoComplete="off"
        required={required}
        aria-describedby={`${id}-hint`}
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
      />
      <span className="muted" id={`${id}-hint`}>
        {required
          ? `${tracker} signs with its app's secret: paste the new one. The current one stops working at once.`
          : `Paste the secret ${tracker}'s webhook form shows, or leave this empty for a generated one. The current one stops working at once.`}
      </span>
      <button type="submit" className="danger" disabled={busy || (required && !secret.trim())}>
        Rotate
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </form>
  );
}
