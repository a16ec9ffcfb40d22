import { useState } from 'react';
import { useMutation } from 'urql';
import { formatNumber } from '../../format';
import type { SyncRunFieldsFragment, TicketSourceFieldsFragment } from '../../gql/graphql';
import { ConfirmButton } from './ConfirmButton';
import { errorText } from './fieldErrors';
import { RotateSecret } from './RotateSecret';
import {
  DeleteTicketSource,
  ReplayDeadLetters,
  RotateTicketSourceSecret,
  SyncTicketSource,
  UpdateTicketSource,
} from './operations';
import type { ShownSecret } from './SecretPanel';
import { SyncRunSummary } from './SyncRunSummary';

type Outcome = { ok: boolean; text: string } | { run: SyncRunFieldsFragment };

/**
 * What ADMIN and OWNER do with a source. Writes name the version on screen (expectedVersion), so
 * a change someone else made meanwhile is refused (CONFLICT) rather than overwritten.
 */
export function SourceActions({
  source,
  now,
  onShowSecret,
  onChanged,
}: {
  source: TicketSourceFieldsFragment;
  now: number;
  onShowSecret: (shown: ShownSecret) => void;
  onChanged: () => void;
}) {
  const [sync, syncNow] = useMutation(SyncTicketSource);
  const [rotate, rotateSecret] = useMutation(RotateTicketSourceSecret);
  const [replay, replayDead] = useMutation(ReplayDeadLetters);
  const [update, updateSource] = useMutation(UpdateTicketSource);
  const [remove, removeSource] = useMutation(DeleteTicketSource);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const busy = sync.fetching || rotate.fetching || replay.fetching || update.fetching;

  async function onSync() {
    setOutcome(null);
    const answer = await syncNow({ id: source.id });
    if (answer.error) setOutcome({ ok: false, text: errorText(answer.error) });
    else if (answer.data) setOutcome({ run: answer.data.syncTicketSource });
    onChanged();
  }

  /** `webhookSecret`: the tracker's own new secret, pasted; else one is generated */
  async function onRotate(webhookSecret?: string) {
    setOutcome(null);
    const answer = await rotateSecret({
      id: source.id,
      expectedVersion: source.version,
      ...(webhookSecret ? { webhookSecret } : {}),
    });
    if (answer.error || !answer.data) {
      setOutcome({ ok: false, text: answer.error ? errorText(answer.error) : 'No answer.' });
      return;
    }
    const rotated = answer.data.rotateTicketSourceSecret;
    onShowSecret({
      kind: source.kind,
      sourceName: rotated.source.name,
      webhookPath: rotated.source.webhookPath,
      webhookSecret: rotated.webhookSecret,
      rotated: true,
      fromTracker: Boolean(webhookSecret),
    });
    onChanged();
  }

  async function onReplay() {
    setOutcome(null);
    const answer = await replayDead({ id: source.id });
    setOutcome(
      answer.error
        ? { ok: false, text: errorText(answer.error) }
        : {
            ok: true,
            text: `Queued ${formatNumber(answer.data?.replayDeadLetters ?? 0)} dead letters again.`,
          },
    );
    onChanged();
  }

  async function onToggle() {
    setOutcome(null);
    const answer = await updateSource({
      input: { id: source.id, expectedVersion: source.version, enabled: !source.enabled },
    });
    if (answer.error) setOutcome({ ok: false, text: errorText(answer.error) });
    onChanged();
  }

  async function onDelete() {
    setOutcome(null);
    const answer = await removeSource({ id: source.id, expectedVersion: source.version });
    if (answer.error) setOutcome({ ok: false, text: errorText(answer.error) });
    onChanged();
  }

  return (
    <div className="source-actions" role="group" aria-label={`Manage ${source.name}`}>
      <div className="toolbar">
        <button type="button" disabled={busy || !source.enabled} onClick={() => void onSync()}>
          {sync.fetching ? 'Syncing…' : 'Sync now'}
        </button>
        <RotateSecret kind={source.kind} busy={busy} onRotate={(secret) => void onRotate(secret)} />
        {source.deadLetters > 0 && (
          <button type="button" disabled={busy} onClick={() => void onReplay()}>
            Replay dead letters
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void onToggle()}>
          {source.enabled ? 'Disable' : 'Enable'}
        </button>
        <ConfirmButton
          label="Delete"
          question={`Delete ${source.name}? Its webhooks stop; its tickets stay.`}
          confirmLabel="Delete"
          busy={busy || remove.fetching}
          onConfirm={() => void onDelete()}
        />
      </div>
      {outcome && 'run' in outcome && (
        <div role="status" aria-label="Sync result">
          <SyncRunSummary run={outcome.run} now={now} />
        </div>
      )}
      {outcome && 'text' in outcome && (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'ok-text' : 'state-error'}
        >
          {outcome.text}
        </p>
      )}
    </div>
  );
}
