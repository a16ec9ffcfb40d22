import type { SettingsCheck } from '../sources/tracker.js';

/** A Projects (v2) project: its owner's login and number, or its node id. */
export type GithubProject = { owner: string; number: number } | { id: string };

/** The settings that read points and sprints from a Projects (v2) project's fields. */
export const PROJECT_SETTINGS = [
  'project',
  'pointsField',
  'iterationField',
  'iterationTeam',
  'boardTeams',
];

/** a user or organization login, as GitHub allows it */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** a project's node id (`PVT_kwDOAB...`) */
const PROJECT_NODE_ID = /^PVT_[A-Za-z0-9_-]{1,100}$/;
/** a team key, as teams take it */
const TEAM_KEY = /^\S{1,64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The "board" the project's iterations belong to (TrackerSprint.boardId): the source's
 * boardTeams maps it to iterationTeam, as Jira's boards and Linear's teams map to teams.
 */
export function projectBoardId(project: GithubProject): string {
  return 'id' in project ? project.id : `${project.owner}/projects/${project.number}`;
}

/**
 * Checks project, pointsField, iterationField and iterationTeam; returns them written out (with
 * boardTeams derived from project and iterationTeam), or nothing when project is not set, so a
 * source without a project keeps exactly the settings (and behaviour) it had.
 */
export function checkProjectSettings(
  input: Record<string, unknown>,
  problems: SettingsCheck['problems'],
): Record<string, unknown> {
  const given = (name: string) => input[name] !== undefined && input[name] !== null;
  const project = readProject(input.project, problems);
  if (!given('project')) {
    for (const name of ['pointsField', 'iterationField', 'iterationTeam', 'boardTeams']) {
      if (given(name)) {
        problems.push({
          path: `settings.${name}`,
          message: 'needs settings.project (the Projects project whose fields to read)',
        });
      }
    }
    return {};
  }
  const field = (name: string, example: string): string | null => {
    const v = input[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' || v.length === 0 || v.length > 100 || /^\s|\s$/.test(v)) {
      problems.push({
        path: `settings.${name}`,
        message: `must be the name of a project field (1-100 characters), such as "${example}"`,
      });
      return null;
    }
    return v;
  };
  const pointsField = field('pointsField', 'Estimate');
  const iterationField = field('iterationField', 'Sprint');
  let iterationTeam: string | null = null;
  const team = input.iterationTeam;
  if (team !== undefined && team !== null) {
    if (typeof team === 'string' && TEAM_KEY.test(team)) iterationTeam = team;
    else {
      problems.push({
        path: 'settings.iterationTeam',
        message: 'must be a team key (1-64 characters without spaces)',
      });
    }
  }
  if (!given('pointsField') && !given('iterationField')) {
    problems.push({
      path: 'settings.project',
      message: 'reads nothing: name settings.pointsField or settings.iterationField (or both)',
    });
  }
  if (given('iterationField') && !given('iterationTeam')) {
    problems.push({
      path: 'settings.iterationTeam',
      message:
        "must name the team whose sprints the project's iterations are (with iterationField)",
    });
  }
  if (given('iterationTeam') && !given('iterationField')) {
    problems.push({
      path: 'settings.iterationTeam',
      message: 'is only used with settings.iterationField',
    });
  }
  const boardTeams: Record<string, string> =
    project && iterationTeam ? { [projectBoardId(project)]: iterationTeam } : {};
  // boardTeams is written out, never typed: a copy of the written-out settings sent back is fine
  if (given('boardTeams') && JSON.stringify(input.boardTeams) !== JSON.stringify(boardTeams)) {
    problems.push({
      path: 'settings.boardTeams',
      message: 'is written out from settings.project and settings.iterationTeam: leave it out',
    });
  }
  return { project, pointsField, iterationField, iterationTeam, boardTeams };
}

function readProject(
  value: unknown,
  problems: SettingsCheck['problems'],
): GithubProject | undefined {
  if (value === undefined || value === null) return undefined;
  const refuse = (path: string, message: string) => {
    problems.push({ path, message });
    return undefined;
  };
  if (typeof value === 'string') {
    return PROJECT_NODE_ID.test(value)
      ? { id: value }
      : refuse(
          'settings.project',
          'must be a project\'s node id ("PVT_...") or { owner: "<login>", number: <n> }',
        );
  }
  if (!isObject(value)) {
    return refuse(
      'settings.project',
      'must be { owner: "<login>", number: <n> } or a project\'s node id ("PVT_...")',
    );
  }
  if (value.id !== undefined) {
    if (Object.keys(value).length !== 1) {
      return refuse(
        'settings.project',
        'names the project by id, or by owner and number: not both',
      );
    }
    return typeof value.id === 'string' && PROJECT_NODE_ID.test(value.id)
      ? { id: value.id }
      : refuse('settings.project.id', 'must be a project\'s node id ("PVT_...")');
  }
  const extra = Object.keys(value).find((k) => k !== 'owner' && k !== 'number');
  if (extra !== undefined) {
    return refuse(`settings.project.${extra.slice(0, 64)}`, 'is not known (owner, number)');
  }
  const { owner, number } = value;
  const ownerOk = typeof owner === 'string' && LOGIN.test(owner);
  const numberOk =
    typeof number === 'number' && Number.isSafeInteger(number) && number >= 1 && number <= 1e9;
  if (!ownerOk)
    refuse(
      'settings.project.owner',
      'must be the login of the user or organization owning the project',
    );
  if (!numberOk)
    refuse('settings.project.number', "must be the project's number (a whole number from 1)");
  return ownerOk && numberOk ? { owner: owner as string, number: number as number } : undefined;
}
