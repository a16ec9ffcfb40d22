import { useImperativeHandle, useState } from 'react';
import { fieldHelpers } from '../FormField';
import { duplicateKey, type TeamRow } from '../jiraSettings';
import { TeamRows } from '../TeamRows';
import {
  listName,
  STATUS_CATEGORIES,
  trelloSettingsInput,
  type TrelloInitiativeFrom,
} from '../trelloSettings';
import { emptyRow, trimmed, type KindFieldsProps } from './KindFields';

/** The status categories as TeamRows' choices. */
const CATEGORIES = STATUS_CATEGORIES.map((c) => ({ id: c, key: c, name: '' }));

/**
 * A Trello source's settings (README "Trello"): the boards, their teams, how lists map to status
 * categories, the points field, the key prefix, where initiatives and sprints come from.
 */
export default function TrelloFields({ ref, idPrefix, errors, teams }: KindFieldsProps) {
  const [boards, setBoards] = useState('');
  const [boardRows, setBoardRows] = useState<TeamRow[]>(() => [emptyRow()]);
  const [listRows, setListRows] = useState<TeamRow[]>(() => [emptyRow()]);
  const [pointsField, setPointsField] = useState('');
  const [keyPrefix, setKeyPrefix] = useState('');
  const [initiativeFrom, setInitiativeFrom] = useState<TrelloInitiativeFrom>('label');
  const [sprintPrefix, setSprintPrefix] = useState('');
  const { field, text } = fieldHelpers(idPrefix, errors.fields);

  useImperativeHandle(ref, () => ({
    check() {
      const board = duplicateKey(boardRows);
      if (board) return { boardTeams: `board ${board} is listed twice` };
      const list = duplicateKey(listRows, listName);
      return list ? { listCategories: `list ${list} is listed twice` } : null;
    },
    settingsInput: () =>
      trelloSettingsInput({
        boards,
        boardRows,
        listRows,
        pointsField,
        keyPrefix,
        initiativeFrom,
        sprintLabelPrefix: sprintPrefix,
      }),
  }));

  return (
    <>
      <div className="form-grid">
        {text(
          'boards',
          'Boards (ids or shortLinks; empty: the boards mapped below)',
          boards,
          setBoards,
          'AbCd1234, 5f2b8c3e9a1d4e6f7a8b9c0d',
          'The shortLink is in the board’s address: trello.com/b/<shortLink>/…',
        )}
        {text(
          'pointsField',
          'Points custom field (optional)',
          pointsField,
          setPointsField,
          'Points',
          'Empty: the number field named Points or Story Points.',
        )}
        {text(
          'keyPrefix',
          'Key prefix (optional; one board only)',
          keyPrefix,
          setKeyPrefix,
          'TRL',
          'Ticket keys are <prefix>-<card number>; empty: the board’s shortLink, as the board-export import.',
        )}
        {field('initiativeFrom', 'Initiative from', (a) => (
          <select
            {...a}
            value={initiativeFrom}
            onChange={(e) => setInitiativeFrom(e.target.value as TrelloInitiativeFrom)}
          >
            <option value="label">label (epic:PAY-100 links to the initiative PAY-100)</option>
            <option value="cardLink">
              card link (an attached card whose name starts with the key)
            </option>
          </select>
        ))}
        {text(
          'sprintLabelPrefix',
          'Sprint label prefix (optional)',
          sprintPrefix,
          setSprintPrefix,
          'sprint:',
          'A label sprint:Sprint 12 puts the card in the sprint named Sprint 12.',
        )}
      </div>
      <TeamRows
        idPrefix={`${idPrefix}-boardTeams`}
        legend="Boards and their teams"
        hint={
          <>
            The team that works from the board (the shortLink is in the board&apos;s URL:
            trello.com/b/<strong>AbCd1234</strong>/…).
          </>
        }
        keyLabel="Board (id or shortLink)"
        addLabel="Add a board"
        testIdPrefix="board-row"
        rows={boardRows}
        setRows={setBoardRows}
        newRow={emptyRow}
        rowErrors={errors.boards}
        normalize={trimmed}
        error={errors.fields.boardTeams}
        teams={teams}
      />
      <TeamRows
        idPrefix={`${idPrefix}-listCategories`}
        legend="Lists and their status categories"
        hint={
          <>
            For lists the organization&apos;s status mapping does not know (that mapping wins for
            the names it knows); an unknown list with no row here is to do.
          </>
        }
        keyLabel="List name"
        addLabel="Add a list"
        testIdPrefix="list-row"
        valueLabel="Category"
        choose="choose a category…"
        rows={listRows}
        setRows={setListRows}
        newRow={emptyRow}
        rowErrors={errors.lists}
        normalize={listName}
        error={errors.fields.listCategories}
        teams={CATEGORIES}
      />
    </>
  );
}
