import { MAX_KEY } from '@app/domain';
import type { SettingsCheck } from '../../sources/tracker.js';
import { isObject } from './jira-fields.js';
import { openSettings } from '../../sources/settings-object.js';

/** A Jira Cloud source's settings, defaults written out (docs/design.md 4.4 JIRA_CLOUD). */
export interface JiraSettings {
  /** team-managed projects: customfield_10016 (Story point estimate); company-managed often 10028 */
  storyPointsField: string;
  /** the Sprint field: a list of {id, name, state, boardId, startDate, endDate} */
  sprintField: string;
  /** board id (as a string) -> team key: the team a sprint of that board belongs to */
  boardTeams: Record<string, string>;
  /** reconciliation reads only these projects (keys); empty: every project the account sees */
  projects: string[];
}

const FIELD = /^(customfield_\d{1,12}|[a-zA-Z][a-zA-Z0-9_]{0,63})$/;
const PROJECT = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_BOARDS = 1000;

export function jiraSettings(value: Record<string, unknown>): JiraSettings {
  return checkJiraSettings(value).settings as unknown as JiraSettings;
}

/** Checks settings as an ADMIN typed them: every problem named by its path under `settings`. */
export function checkJiraSettings(value: unknown): SettingsCheck {
  const { input, problems } = openSettings(
    value,
    ['storyPointsField', 'sprintField', 'boardTeams', 'projects'],
    'Jira Cloud',
  );
  const field = (name: 'storyPointsField' | 'sprintField', fallback: string) => {
    const v = input[name];
    if (v === undefined || v === null || v === '') return fallback;
    if (typeof v !== 'string' || !FIELD.test(v)) {
      problems.push({
        path: `settings.${name}`,
        message: 'must be a Jira field id such as customfield_10016',
      });
      return fallback;
    }
    return v;
  };
  const boardTeams: Record<string, string> = {};
  const boards = input.boardTeams;
  if (boards !== undefined && boards !== null) {
    if (!isObject(boards)) {
      problems.push({ path: 'settings.boardTeams', message: 'must map board ids to team keys' });
    } else if (Object.keys(boards).length > MAX_BOARDS) {
      problems.push({
        path: 'settings.boardTeams',
        message: `must list at most ${MAX_BOARDS} boards`,
      });
    } else {
      for (const [board, team] of Object.entries(boards)) {
        if (!/^\d{1,18}$/.test(board)) {
          problems.push({
            path: `settings.boardTeams`,
            message: `"${board.slice(0, 20)}" is not a board id`,
          });
        } else if (typeof team !== 'string' || team.length === 0 || team.length > MAX_KEY) {
          problems.push({ path: `settings.boardTeams.${board}`, message: 'must be a team key' });
        } else boardTeams[board] = team;
      }
    }
  }
  const projects: string[] = [];
  if (input.projects !== undefined && input.projects !== null) {
    if (!Array.isArray(input.projects) || input.projects.length > 100) {
      problems.push({
        path: 'settings.projects',
        message: 'must be a list of at most 100 project keys',
      });
    } else {
      input.projects.forEach((p, i) => {
        if (typeof p === 'string' && PROJECT.test(p)) projects.push(p);
        else
          problems.push({
            path: `settings.projects[${i}]`,
            message: 'must be a project key such as PAY',
          });
      });
    }
  }
  return {
    settings: {
      storyPointsField: field('storyPointsField', 'customfield_10016'),
      sprintField: field('sprintField', 'customfield_10020'),
      boardTeams,
      projects,
    },
    problems,
  };
}
