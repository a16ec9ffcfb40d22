import type { ReactNode } from 'react';
import type { TeamRow } from './jiraSettings';

/**
 * Rows mapping a tracker's side (a Jira board id, a Linear team key, a Trello board) to one of the
 * organization's teams (or, with valueLabel and options, to another fixed choice: a Trello list's
 * status category). A row's problem (settings.boardTeams.3, settings.teamTeams.ENG) sits under
 * it; a problem of the whole mapping under the list.
 */
export function TeamRows({
  idPrefix,
  legend,
  hint,
  keyLabel,
  addLabel,
  testIdPrefix,
  numeric,
  rows,
  setRows,
  newRow,
  rowErrors,
  normalize,
  error,
  teams,
  valueLabel = 'Team',
  choose = 'choose a team…',
}: {
  idPrefix: string;
  legend: string;
  hint: ReactNode;
  keyLabel: string;
  addLabel: string;
  testIdPrefix: string;
  numeric?: boolean;
  rows: TeamRow[];
  setRows: (change: (rows: TeamRow[]) => TeamRow[]) => void;
  newRow: () => TeamRow;
  rowErrors: Record<string, string>;
  normalize: (key: string) => string;
  error: string | undefined;
  teams: readonly { id: string; key: string; name: string }[];
  valueLabel?: string;
  choose?: string;
}) {
  const setRow = (rowId: number, change: Partial<TeamRow>) =>
    setRows((all) => all.map((r) => (r.rowId === rowId ? { ...r, ...change } : r)));
  const errorId = `${idPrefix}-error`;
  return (
    <fieldset className="board-teams" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <p className="muted">{hint}</p>
      {rows.map((row, i) => {
        const message = rowErrors[normalize(row.key)];
        const rowErrorId = `${idPrefix}-${row.rowId}-error`;
        return (
          <div className="board-row" key={row.rowId} data-testid={`${testIdPrefix}-${i}`}>
            <label>
              {keyLabel}
              <input
                inputMode={numeric ? 'numeric' : undefined}
                value={row.key}
                aria-invalid={message ? true : undefined}
                aria-describedby={message ? rowErrorId : undefined}
                onChange={(e) => setRow(row.rowId, { key: e.target.value })}
              />
            </label>
            <label>
              {valueLabel}
              <select
                value={row.team}
                aria-invalid={message ? true : undefined}
                onChange={(e) => setRow(row.rowId, { team: e.target.value })}
              >
                <option value="">{choose}</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.key}>
                    {t.name ? `${t.key} ${t.name}` : t.key}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="link"
              onClick={() => setRows((all) => all.filter((r) => r.rowId !== row.rowId))}
            >
              Remove
            </button>
            {message && (
              <span className="field-error" id={rowErrorId}>
                {message}
              </span>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => setRows((all) => [...all, newRow()])}>
        {addLabel}
      </button>
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </fieldset>
  );
}
