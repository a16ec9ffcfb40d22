import { useState } from 'react';
import { useCanCheckIn } from '../../auth/role';
import type { Confidence } from '../../gql/graphql';
import { CheckInForm } from './CheckInForm';
import { CheckInHistory } from './CheckInHistory';

/** What a check-in is about: a key result (value and confidence) or a KPI (value). */
export interface CheckInTarget {
  kind: 'keyResult' | 'kpi';
  id: string;
  key: string;
  title: string;
  unit: string | null;
  current: number | null;
  confidence?: Confidence | null;
}

/**
 * Beside a key result or KPI: "Check in" (MEMBER and above) opens the form in place, "History"
 * the small chart of its check-ins. A saved check-in closes the form, says so, reloads the
 * history, and lets the view reload its figures (`onCheckedIn`).
 */
export function CheckInControls({
  target,
  onCheckedIn,
}: {
  target: CheckInTarget;
  onCheckedIn: () => void;
}) {
  const canCheckIn = useCanCheckIn();
  const [open, setOpen] = useState<'form' | 'history' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  return (
    <div className="check-in-controls">
      {canCheckIn && (
        <button
          type="button"
          aria-expanded={open === 'form'}
          onClick={() => setOpen(open === 'form' ? null : 'form')}
        >
          Check in<span className="sr-only"> {target.key}</span>
        </button>
      )}
      <button
        type="button"
        aria-expanded={open === 'history'}
        onClick={() => setOpen(open === 'history' ? null : 'history')}
      >
        History<span className="sr-only"> of {target.key}</span>
      </button>
      {saved && (
        <span role="status" className="ok-text">
          {saved}
        </span>
      )}
      {open === 'form' && (
        <CheckInForm
          target={target}
          onClose={() => setOpen(null)}
          onSaved={(message) => {
            setSaved(message);
            setRevision((r) => r + 1);
            setOpen('history');
            onCheckedIn();
          }}
        />
      )}
      {open === 'history' && <CheckInHistory target={target} revision={revision} />}
    </div>
  );
}
