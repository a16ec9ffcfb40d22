import { MAX_KEY } from '@app/domain';
import type { SettingsCheck } from '../sources/tracker.js';
import { isObject } from '../jira/cloud/jira-fields.js';
import { openSettings } from '../sources/settings-object.js';

/** A Linear source's settings, defaults written out (docs/design.md 4.4 LINEAR). */
export interface LinearSettings {
  /** Linear team key (ENG) -> Throughline team key: the team a sprint made from a cycle belongs to */
  teamTeams: Record<string, string>;
  /** how a Linear project names its initiative (`externalKey`): by the project's id or name */
  projectsBy: 'id' | 'name';
  /** reconciliation reads only these Linear teams (keys); empty: every team the key sees */
  teams: string[];
}

/** Linear team keys: letters and digits, uppercase, a few characters (ENG, WEB2). */
const TEAM = /^[A-Z0-9][A-Z0-9_]{0,31}$/;
const MAX_TEAMS = 1000;
const KNOWN = ['teamTeams', 'projectsBy', 'teams'];

export function linearSettings(value: Record<string, unknown>): LinearSettings {
  return checkLinearSettings(value).settings as unknown as LinearSettings;
}

/** Checks settings as an ADMIN typed them: every problem named by its path under `settings`. */
export function checkLinearSettings(value: unknown): SettingsCheck {
  const { input, problems } = openSettings(value, KNOWN, 'Linear');
  const teamTeams: Record<string, string> = {};
  const map = input.teamTeams;
  if (map !== undefined && map !== null) {
    if (!isObject(map)) {
      problems.push({
        path: 'settings.teamTeams',
        message: 'must map Linear team keys to team keys',
      });
    } else if (Object.keys(map).length > MAX_TEAMS) {
      problems.push({
        path: 'settings.teamTeams',
        message: `must list at most ${MAX_TEAMS} teams`,
      });
    } else {
      for (const [linearTeam, team] of Object.entries(map)) {
        if (!TEAM.test(linearTeam)) {
          problems.push({
            path: 'settings.teamTeams',
            message: `"${linearTeam.slice(0, 40)}" is not a Linear team key such as ENG`,
          });
        } else if (typeof team !== 'string' || team.length === 0 || team.length > MAX_KEY) {
          problems.push({
            path: `settings.teamTeams.${linearTeam}`,
            message: 'must be a team key',
          });
        } else teamTeams[linearTeam] = team;
      }
    }
  }
  let projectsBy: LinearSettings['projectsBy'] = 'name';
  if (input.projectsBy !== undefined && input.projectsBy !== null) {
    if (input.projectsBy === 'id' || input.projectsBy === 'name') projectsBy = input.projectsBy;
    else problems.push({ path: 'settings.projectsBy', message: 'must be "id" or "name"' });
  }
  const teams: string[] = [];
  if (input.teams !== undefined && input.teams !== null) {
    if (!Array.isArray(input.teams) || input.teams.length > 100) {
      problems.push({
        path: 'settings.teams',
        message: 'must be a list of at most 100 Linear team keys',
      });
    } else {
      input.teams.forEach((t, i) => {
        if (typeof t === 'string' && TEAM.test(t)) teams.push(t);
        else
          problems.push({
            path: `settings.teams[${i}]`,
            message: 'must be a Linear team key such as ENG',
          });
      });
    }
  }
  return { settings: { teamTeams, projectsBy, teams }, problems };
}
