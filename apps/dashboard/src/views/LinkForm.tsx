import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';

const LinkTicket = graphql(`
  mutation LinkTicket($input: LinkTicketInput!) {
    linkTicket(input: $input) {
      weight
      ticket {
        id
        key
      }
      initiative {
        id
        key
      }
    }
  }
`);

const LinkInitiative = graphql(`
  mutation LinkInitiative($input: LinkInitiativeInput!) {
    linkInitiative(input: $input) {
      id
      weight
      initiative {
        id
        key
      }
      keyResult {
        id
        key
      }
    }
  }
`);

export interface LinkTarget {
  id: string;
  label: string;
}

/**
 * Fixes a gap in place (EDITOR and above): `ticket` links a ticket to an initiative, `initiative`
 * links an initiative to a key result, `keyResult` gives a key result a supporting initiative.
 */
export function LinkForm({
  kind,
  subjectId,
  subjectLabel,
  targetLabel,
  targets,
  onLinked,
}: {
  kind: 'ticket' | 'initiative' | 'keyResult';
  subjectId: string;
  subjectLabel: string;
  targetLabel: string;
  targets: LinkTarget[];
  onLinked: () => void;
}) {
  const id = useId();
  const [ticketState, linkTicket] = useMutation(LinkTicket);
  const [initiativeState, linkInitiative] = useMutation(LinkInitiative);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const busy = ticketState.fetching || initiativeState.fetching;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const targetId = String(form.get('target') ?? '');
    const weight = Number(form.get('weight'));
    const target = targets.find((t) => t.id === targetId);
    const res =
      kind === 'ticket'
        ? await linkTicket({ input: { ticketId: subjectId, initiativeId: targetId, weight } })
        : kind === 'initiative'
          ? await linkInitiative({
              input: { initiativeId: subjectId, keyResultId: targetId, weight },
            })
          : await linkInitiative({
              input: { initiativeId: targetId, keyResultId: subjectId, weight },
            });
    if (res.error) {
      setMessage({
        ok: false,
        text: res.error.graphQLErrors.map((e) => e.message).join(' ') || res.error.message,
      });
      return;
    }
    setMessage({
      ok: true,
      text: `Linked ${subjectLabel} to ${target?.label ?? 'the target'} (weight ${weight}).`,
    });
    onLinked();
  }

  return (
    <form className="link-form" onSubmit={submit} aria-label={`Link ${subjectLabel}`}>
      <label htmlFor={`${id}-target`}>
        {kind === 'keyResult' ? `Support ${subjectLabel} with` : `Link ${subjectLabel} to`}
      </label>
      <select id={`${id}-target`} name="target" required defaultValue="">
        <option value="" disabled>
          {targetLabel}…
        </option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-weight`}>Weight</label>
      <input
        id={`${id}-weight`}
        name="weight"
        type="number"
        min="0.01"
        step="any"
        defaultValue="1"
        required
        className="weight"
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Linking…' : 'Link'}
      </button>
      {message && (
        <span
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'ok-text' : 'state-error'}
        >
          {message.text}
        </span>
      )}
    </form>
  );
}
