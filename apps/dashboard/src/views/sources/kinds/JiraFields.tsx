import { useImperativeHandle, useState } from 'react';
import { fieldHelpers } from '../FormField';
import {
  DEFAULT_SPRINT_FIELD,
  duplicateKey,
  jiraSettingsInput,
  STORY_POINT_FIELDS,
  type TeamRow,
} from '../jiraSettings';
import { TeamRows } from '../TeamRows';
import { emptyRow, trimmed, type KindFieldsProps } from './KindFields';

const OTHER = 'other';

/** A Jira Cloud source's settings (README "Jira Cloud"): fields, projects, boards to teams. */
export default function JiraFields({ ref, idPrefix, errors, teams }: KindFieldsProps) {
  const [pointsChoice, setPointsChoice] = useState<string>(STORY_POINT_FIELDS[0].id);
  const [pointsOther, setPointsOther] = useState('');
  const [sprintField, setSprintField] = useState(DEFAULT_SPRINT_FIELD);
  const [boards, setBoards] = useState<TeamRow[]>(() => [emptyRow()]);
  const [projects, setProjects] = useState('');
  const { field, text } = fieldHelpers(idPrefix, errors.fields);

  useImperativeHandle(ref, () => ({
    check() {
      const twice = duplicateKey(boards);
      return twice ? { boardTeams: `board ${twice} is listed twice` } : null;
    },
    settingsInput: () =>
      jiraSettingsInput({
        storyPointsField: pointsChoice === OTHER ? pointsOther : pointsChoice,
        sprintField,
        boards,
        projects,
      }),
  }));

  return (
    <>
      <div className="form-grid">
        {field('storyPointsField', 'Story points field', (a) => (
          <span className="field-row">
            <select {...a} value={pointsChoice} onChange={(e) => setPointsChoice(e.target.value)}>
              {STORY_POINT_FIELDS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
              <option value={OTHER}>another field…</option>
            </select>
            {pointsChoice === OTHER && (
              <input
                aria-label="Story points field id"
                required
                value={pointsOther}
                placeholder="customfield_10002"
                onChange={(e) => setPointsOther(e.target.value)}
              />
            )}
          </span>
        ))}
        {text('sprintField', 'Sprint field', sprintField, setSprintField)}
        {text(
          'projects',
          'Projects (keys; empty: every project)',
          projects,
          setProjects,
          'PAY, PLAT',
        )}
      </div>
      <TeamRows
        idPrefix={`${idPrefix}-boardTeams`}
        legend="Boards and their teams"
        hint={
          <>
            A sprint of a board belongs to the team mapped here (the board id is in the board&apos;s
            URL: …/boards/<strong>3</strong>).
          </>
        }
        keyLabel="Board id"
        addLabel="Add a board"
        testIdPrefix="board-row"
        numeric
        rows={boards}
        setRows={setBoards}
        newRow={emptyRow}
        rowErrors={errors.boards}
        normalize={trimmed}
        error={errors.fields.boardTeams}
        teams={teams}
      />
    </>
  );
}
