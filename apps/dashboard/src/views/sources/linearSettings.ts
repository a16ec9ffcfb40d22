// The Linear settings as the create form holds them, and as the API takes them (README "Linear"):
// the API checks them and names a bad one by its path under settings.

import { projectKeys, type TeamRow } from './jiraSettings';

export const LINEAR_API_URL = 'https://api.linear.app';

export type ProjectsBy = 'name' | 'id';

export interface LinearSettingsForm {
  /** Linear team key (ENG) -> team key */
  teamRows: TeamRow[];
  projectsBy: ProjectsBy;
  /** as typed: Linear team keys separated by commas or spaces */
  teams: string;
}

/** A Linear team key as typed (" eng") as the API takes it ("ENG"). */
export const linearTeamKey = (text: string) => text.trim().toUpperCase();

/** The settings JSON of a Linear source; rows left empty are left out. */
export function linearSettingsInput(form: LinearSettingsForm): Record<string, unknown> {
  const teamTeams: Record<string, string> = {};
  for (const row of form.teamRows) {
    const key = linearTeamKey(row.key);
    if (key || row.team) teamTeams[key] = row.team;
  }
  return { teamTeams, projectsBy: form.projectsBy, teams: projectKeys(form.teams) };
}
