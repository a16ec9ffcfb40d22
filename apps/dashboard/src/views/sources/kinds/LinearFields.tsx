import { useImperativeHandle, useState } from 'react';
import { fieldHelpers } from '../FormField';
import { duplicateKey, type TeamRow } from '../jiraSettings';
import { linearSettingsInput, linearTeamKey, type ProjectsBy } from '../linearSettings';
import { TeamRows } from '../TeamRows';
import { emptyRow, type KindFieldsProps } from './KindFields';

/** A Linear source's settings (README "Linear"): how projects map, Linear teams to teams. */
export default function LinearFields({ ref, idPrefix, errors, teams }: KindFieldsProps) {
  const [rows, setRows] = useState<TeamRow[]>(() => [emptyRow()]);
  const [projectsBy, setProjectsBy] = useState<ProjectsBy>('name');
  const [linearTeams, setLinearTeams] = useState('');
  const { field, text } = fieldHelpers(idPrefix, errors.fields);

  useImperativeHandle(ref, () => ({
    check() {
      const twice = duplicateKey(rows, linearTeamKey);
      return twice ? { teamTeams: `team ${twice} is listed twice` } : null;
    },
    settingsInput: () => linearSettingsInput({ teamRows: rows, projectsBy, teams: linearTeams }),
  }));

  return (
    <>
      <div className="form-grid">
        {field('projectsBy', 'Projects map initiatives by', (a) => (
          <select
            {...a}
            value={projectsBy}
            onChange={(e) => setProjectsBy(e.target.value as ProjectsBy)}
          >
            <option value="name">name (the project name is the initiative key)</option>
            <option value="id">id (for project names with spaces)</option>
          </select>
        ))}
        {text(
          'teams',
          'Linear teams to reconcile (keys; empty: every team)',
          linearTeams,
          setLinearTeams,
          'ENG, WEB',
        )}
      </div>
      <TeamRows
        idPrefix={`${idPrefix}-teamTeams`}
        legend="Linear teams and their teams"
        hint={
          <>
            A sprint made from a Linear team&apos;s cycle belongs to the team mapped here (the
            Linear team key is the prefix of its issues: <strong>ENG</strong>-123).
          </>
        }
        keyLabel="Linear team key"
        addLabel="Add a Linear team"
        testIdPrefix="team-row"
        rows={rows}
        setRows={setRows}
        newRow={emptyRow}
        rowErrors={errors.linearTeams}
        normalize={linearTeamKey}
        error={errors.fields.teamTeams}
        teams={teams}
      />
    </>
  );
}
