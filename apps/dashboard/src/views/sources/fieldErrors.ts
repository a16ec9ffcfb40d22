import type { CombinedError } from 'urql';
import type { SourceKind } from '../../gql/graphql';

/** The create form's fields an API error can name. */
export type SourceField =
  | 'kind'
  | 'name'
  | 'baseUrl'
  | 'credentials'
  | 'webhookSecret'
  // Jira Cloud
  | 'storyPointsField'
  | 'sprintField'
  | 'boardTeams'
  | 'projects'
  // Linear
  | 'teamTeams'
  | 'projectsBy'
  | 'teams'
  // GitHub
  | 'repositories'
  | 'pointsLabelPrefix'
  | 'initiativeFrom'
  | 'initiativeLabelPrefix'
  | 'inProgressLabels'
  | 'sprintLabelPrefix'
  // Asana (projects and initiativeFrom are shared with Jira and GitHub)
  | 'pointsField'
  | 'sprintFrom'
  | 'keyPrefix'
  // GitHub Projects (pointsField is Asana's name too): settings.project.owner / .number
  | 'projectOwner'
  | 'projectNumber'
  | 'iterationField'
  | 'iterationTeam'
  // Trello (boardTeams, pointsField, keyPrefix, initiativeFrom, sprintLabelPrefix are shared)
  | 'boards'
  | 'listCategories';

/** The settings a path `settings.<name>...` names, each shown by the field of the same name. */
const SETTINGS: SourceField[] = [
  'storyPointsField',
  'sprintField',
  'boardTeams',
  'projects',
  'teamTeams',
  'projectsBy',
  'teams',
  'repositories',
  'pointsLabelPrefix',
  'initiativeFrom',
  'initiativeLabelPrefix',
  'inProgressLabels',
  'sprintLabelPrefix',
  'pointsField',
  'sprintFrom',
  'keyPrefix',
  'iterationField',
  'iterationTeam',
  'boards',
  'listCategories',
];

/**
 * Where each problem goes: next to a field (a mapping row by its key), or above the form.
 */
export interface PlacedErrors {
  fields: Partial<Record<SourceField, string>>;
  /** settings.boardTeams.<board>: the row of that board (a Jira board id, a Trello board) */
  boards: Record<string, string>;
  /** settings.teamTeams.<Linear team key>: the row of that Linear team */
  linearTeams: Record<string, string>;
  /** settings.listCategories.<list name>: the row of that Trello list */
  lists: Record<string, string>;
  /** what names no field of the form (a CONFLICT, a FORBIDDEN, the network) */
  form: string[];
}

interface FieldProblem {
  field: string;
  message: string;
}

export const NO_ERRORS: PlacedErrors = {
  fields: {},
  boards: {},
  linearTeams: {},
  lists: {},
  form: [],
};

/**
 * The API names a bad field two ways: `extensions.fields` [{field, message}] (validation and
 * domain errors), or only a message "field: problem". Paths start with `input.` when the
 * validation pipe found them and under `settings.` when the tracker checked its settings. The
 * kind decides a few places: a GitHub source's boardTeams is written out from its project's
 * iterationTeam, so its problem (a missing team) is shown there.
 */
export function placeErrors(error: CombinedError, kind?: SourceKind): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, boards: {}, linearTeams: {}, lists: {}, form: [] };
  if (error.networkError && !error.graphQLErrors.length) {
    placed.form.push(`The server could not be reached (${error.networkError.message}).`);
    return placed;
  }
  for (const e of error.graphQLErrors) {
    const problems = problemsOf(e.message, e.extensions?.fields);
    if (!problems.length) {
      placed.form.push(e.message);
      continue;
    }
    for (const p of problems) {
      if (!place(placed, p, kind)) placed.form.push(`${p.field}: ${p.message}`);
    }
  }
  return placed;
}

function problemsOf(message: string, fields: unknown): FieldProblem[] {
  if (Array.isArray(fields)) {
    return fields.filter(
      (f): f is FieldProblem =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as FieldProblem).field === 'string' &&
        typeof (f as FieldProblem).message === 'string',
    );
  }
  // a settings path may hold a board (acme/projects/7) or a list name with spaces ("In Review")
  const named =
    /^((?:input\.)?(?:kind|name|baseUrl|credentials|webhookSecret|settings(?:[.[][^:]*)?)): (.+)$/s.exec(
      message,
    );
  return named ? [{ field: named[1], message: named[2] }] : [];
}

/** Puts one problem next to its field; false when the form has no such field. */
function place(placed: PlacedErrors, problem: FieldProblem, kind?: SourceKind): boolean {
  const path = problem.field.replace(/^input\./, '');
  const add = (field: SourceField) => {
    const before = placed.fields[field];
    placed.fields[field] = before ? `${before} ${problem.message}` : problem.message;
    return true;
  };
  if (kind === 'GITHUB') {
    // settings.boardTeams.acme/projects/7: the project's iterations' team
    if (/^settings\.boardTeams(?:\.|$)/.test(path)) return add('iterationTeam');
    const project = /^settings\.project(?:\.(\w+))?$/.exec(path);
    if (project) return add(project[1] === 'number' ? 'projectNumber' : 'projectOwner');
  }
  const board = /^settings\.boardTeams\.(.+)$/.exec(path);
  if (board) {
    placed.boards[board[1]] = problem.message;
    return true;
  }
  const list = /^settings\.listCategories\.(.+)$/.exec(path);
  if (list) {
    placed.lists[list[1]] = problem.message;
    return true;
  }
  const linearTeam = /^settings\.teamTeams\.(\w+)$/.exec(path);
  if (linearTeam) {
    placed.linearTeams[linearTeam[1]] = problem.message;
    return true;
  }
  if (
    path === 'kind' ||
    path === 'name' ||
    path === 'baseUrl' ||
    path === 'credentials' ||
    path === 'webhookSecret'
  )
    return add(path);
  // settings.repositories[0], settings.teams[2]: the list's field, naming the item's place
  const setting = /^settings\.(\w+)(?:\[(\d+)\])?/.exec(path);
  const field = SETTINGS.find((s) => s === setting?.[1]);
  if (!setting || !field) return false;
  if (setting[2] === undefined) return add(field);
  const before = placed.fields[field];
  const message = `item ${Number(setting[2]) + 1}: ${problem.message}`;
  placed.fields[field] = before ? `${before} ${message}` : message;
  return true;
}

/** Every message of an error in one line, for a button's result next to it. */
export function errorText(error: CombinedError): string {
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  return error.networkError
    ? `The server could not be reached (${error.networkError.message}).`
    : error.message;
}
