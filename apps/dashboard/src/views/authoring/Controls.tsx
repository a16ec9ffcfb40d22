import { useState } from 'react';
import { useQuery } from 'urql';
import type { ObjectiveStatus } from '../../gql/graphql';
import { ArchiveButton } from './ArchiveButton';
import { InitiativeForm } from './InitiativeForm';
import { KeyResultForm } from './KeyResultForm';
import type { LinkOptions } from './LinkWeights';
import { ObjectiveForm } from './ObjectiveForm';
import { AuthoringChoices } from './operations';

/** Teams, goals and cycles for the forms, read once when a form first opens. */
export function useChoices(pause: boolean) {
  const [choices] = useQuery({ query: AuthoringChoices, pause });
  const data = choices.data;
  return {
    teams: data?.teams.nodes ?? [],
    cycles: (data?.cycles.nodes ?? []).filter((c) => c.state === 'DRAFT' || c.state === 'ACTIVE'),
    allCycles: data?.cycles.nodes ?? [],
    goals: data?.strategicGoals.nodes ?? [],
  };
}

/**
 * Beside an objective (EDITOR and above): Edit, New key result, Archive. Each opens its form in
 * place below, one at a time; Escape or a save closes it.
 */
export function ObjectiveControls({
  objective,
  options = {},
}: {
  objective: { id: string; key: string; version: number; status: ObjectiveStatus };
  options?: LinkOptions;
}) {
  const [open, setOpen] = useState<'edit' | 'keyResult' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const choices = useChoices(open !== 'edit');
  const toggle = (what: 'edit' | 'keyResult') => {
    setMessage(null);
    setOpen(open === what ? null : what);
  };
  return (
    <div className="authoring-controls">
      <button type="button" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
        Edit<span className="sr-only"> {objective.key}</span>
      </button>
      <button
        type="button"
        aria-expanded={open === 'keyResult'}
        onClick={() => toggle('keyResult')}
      >
        New key result<span className="sr-only"> for {objective.key}</span>
      </button>
      <ArchiveButton subject={{ kind: 'objective', ...objective }} />
      {message && (
        <span role="status" className="ok-text">
          {message}
        </span>
      )}
      {open === 'edit' && (
        <ObjectiveForm
          objectiveKey={objective.key}
          teams={choices.teams}
          options={{
            ...options,
            goal: choices.goals.map((g) => ({ key: g.key, title: g.title })),
          }}
          onDone={(m) => {
            setMessage(m);
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'keyResult' && (
        <KeyResultForm objective={objective} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}

/** Beside a key result: Edit (in place) and Archive. */
export function KeyResultControls({
  keyResult,
}: {
  keyResult: { id: string; key: string; version: number };
}) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="authoring-controls">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Edit<span className="sr-only"> {keyResult.key}</span>
      </button>
      <ArchiveButton subject={{ kind: 'keyResult', ...keyResult }} />
      {message && (
        <span role="status" className="ok-text">
          {message}
        </span>
      )}
      {open && (
        <KeyResultForm
          keyResultKey={keyResult.key}
          onDone={(m) => {
            setMessage(m);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}

/** Beside an initiative: Edit (in place, with what it supports) and Archive. */
export function InitiativeControls({
  initiative,
  options = {},
}: {
  initiative: { id: string; key: string; version: number };
  options?: LinkOptions;
}) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const choices = useChoices(!open);
  return (
    <div className="authoring-controls">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Edit<span className="sr-only"> {initiative.key}</span>
      </button>
      <ArchiveButton subject={{ kind: 'initiative', ...initiative }} />
      {message && (
        <span role="status" className="ok-text">
          {message}
        </span>
      )}
      {open && (
        <InitiativeForm
          initiativeKey={initiative.key}
          teams={choices.teams}
          cycles={choices.cycles}
          options={options}
          onDone={(m) => {
            setMessage(m);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
