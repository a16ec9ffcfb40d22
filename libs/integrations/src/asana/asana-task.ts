import { pointsOf } from '../tickets/file-tickets.js';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import {
  PermanentEventError,
  type IssueState,
  type TrackerEvent,
  type TrackerSprint,
} from '../sources/tracker.js';
import { isObject, objectAt, stringAt, type Json } from '../jira/cloud/jira-fields.js';
import { GID, type AsanaSettings } from './asana-settings.js';

/**
 * The task fields the source reads (`opt_fields` of GET /tasks/{gid} and GET /tasks): everything
 * a ticket is made of, and nothing else (Asana answers with only the fields asked for).
 */
export const TASK_FIELDS = [
  'name',
  'resource_subtype',
  'completed',
  'completed_at',
  'modified_at',
  'memberships.project.name',
  'memberships.section.name',
  'custom_fields.name',
  'custom_fields.resource_subtype',
  'custom_fields.number_value',
  'custom_fields.display_value',
  'tags.name',
  'parent.name',
  'num_subtasks',
].join(',');

/** Custom fields that give the points when settings.pointsField names none (as the CSV import). */
const POINTS_FIELDS = ['Points', 'Story Points', 'Estimate'];
const EPIC_TAG = /^epic:\s*(.*)$/i;
/** A ticket key as the upsert takes it: an initiative key from a name must be one. */
const KEY = /^\S{1,64}$/;

/** The ticket key of an Asana task: `<keyPrefix>-<gid>`, the CSV import's key for the same task. */
export const asanaKey = (gid: string, settings: AsanaSettings) => `${settings.keyPrefix}-${gid}`;

/** A task's project and section, as `memberships` lists them. */
interface Membership {
  projectGid: string | null;
  projectName: string | null;
  sectionName: string | null;
}

/**
 * One task as GET /tasks/{gid} (or an item of GET /tasks) gives it, as the event the pipeline
 * applies: `ignored` for a task the source does not cover (a project outside settings.projects,
 * a legacy section task), else its whole state. What can never apply (a missing field the API
 * always sends, points outside their bound) is a PermanentEventError naming the field and key.
 */
export function asanaTaskEvent(
  task: unknown,
  settings: AsanaSettings,
  webhookAt: Date | null,
): TrackerEvent {
  if (!isObject(task)) throw new PermanentEventError('the task is not a JSON object');
  const gid = stringAt(task, 'gid', 'task.gid');
  if (!gid || !GID.test(gid)) throw new PermanentEventError('task.gid is missing or not a gid');
  const key = asanaKey(gid, settings);
  if (task.resource_subtype === 'section') {
    return { kind: 'ignored', reason: `${key}: a section task is not a ticket` };
  }
  const memberships = membershipsOf(task.memberships, key);
  const parent = objectAt(task, 'parent');
  const covered = memberships.filter(
    (m) => settings.projects.length === 0 || settings.projects.includes(m.projectGid ?? ''),
  );
  // A sub-task usually belongs to no project: it is covered through its parent.
  if (covered.length === 0 && !(memberships.length === 0 && parent)) {
    return {
      kind: 'ignored',
      reason: `${key}: in no project of settings.projects`,
    };
  }
  return { kind: 'issue', issue: taskState(key, gid, task, covered, parent, settings), webhookAt };
}

function taskState(
  key: string,
  gid: string,
  task: Json,
  covered: Membership[],
  parent: Json | null,
  settings: AsanaSettings,
): IssueState {
  const at = (path: string) => `${key}: ${path}`;
  const modified = stringAt(task, 'modified_at', at('modified_at'));
  const updatedAt = modified ? new Date(modified) : null;
  if (!updatedAt || Number.isNaN(updatedAt.getTime())) {
    throw new PermanentEventError(`${at('modified_at')} is missing or not a time`);
  }
  const name = task.name;
  if (typeof name !== 'string') throw new PermanentEventError(`${at('name')} must be a string`);
  if (task.completed !== undefined && typeof task.completed !== 'boolean') {
    throw new PermanentEventError(`${at('completed')} must be true or false`);
  }
  const completed = task.completed === true;
  // the first covered project's section: the column of the board the source follows
  const section = covered[0]?.sectionName ?? '';
  const { labels, epics } = tagsOf(task.tags, at('tags'));
  const points = pointsOfTask(task.custom_fields, settings, at);
  const parentGid = parent ? stringAt(parent, 'gid', at('parent.gid')) : null;
  const parentName = parent ? stringAt(parent, 'name', at('parent.name'))?.trim() : null;
  // with initiativeFrom "parent" the parent task names the initiative; else it is a ticket
  const subTask = parentGid !== null && settings.initiativeFrom !== 'parent';
  const initiative =
    settings.initiativeFrom === 'tag'
      ? (epics[0] ?? null)
      : settings.initiativeFrom === 'project'
        ? (covered[0]?.projectName?.trim() ?? null)
        : (parentName ?? null);
  const ticket: IncomingTicket = {
    externalKey: key,
    externalId: gid,
    title: name,
    type: subTask ? 'Sub-task' : 'Task',
    labels,
    rawStatus: completed ? 'Completed' : section,
    // as the CSV import: completed wins; an unmapped section is reported (TODO); none is TODO
    sourceCategory: completed ? 'DONE' : section === '' ? 'TODO' : null,
    points,
    sprintNames: [],
    // a tag, project or parent name that cannot be a key (spaces: prose) links to no initiative
    epicKey: subTask ? null : initiative && KEY.test(initiative) ? initiative : null,
    parentKey: subTask ? asanaKey(parentGid, settings) : null,
    origin: key,
  };
  const problem = ticketFieldProblem(ticket, {
    externalKey: 'gid',
    externalId: 'gid',
    title: 'name',
    type: 'resource_subtype',
    labels: 'tags',
    rawStatus: 'memberships.section.name',
    points: `custom_fields.${pointsName(task.custom_fields, settings) ?? 'Points'}`,
    epicKey: `initiative (${settings.initiativeFrom})`,
    parentKey: 'parent.gid',
  });
  if (problem) throw new PermanentEventError(`${key}: ${problem}`);
  return { ticket, sprints: sprintsOf(key, covered, settings), updatedAt };
}

function membershipsOf(value: unknown, key: string): Membership[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PermanentEventError(`${key}: memberships must be a list`);
  return value.map((m, i) => {
    const project = objectAt(m, 'project');
    const section = objectAt(m, 'section');
    return {
      projectGid: stringAt(project, 'gid', `${key}: memberships[${i}].project.gid`),
      projectName: stringAt(project, 'name', `${key}: memberships[${i}].project.name`),
      sectionName:
        stringAt(section, 'name', `${key}: memberships[${i}].section.name`)?.trim() ?? null,
    };
  });
}

/** Tags as labels; `epic:<KEY>` tags name the initiative instead (the first one links). */
function tagsOf(value: unknown, path: string): { labels: string[]; epics: string[] } {
  const labels: string[] = [];
  const epics: string[] = [];
  if (value === undefined || value === null) return { labels, epics };
  if (!Array.isArray(value)) throw new PermanentEventError(`${path} must be a list`);
  value.forEach((tag, i) => {
    const name = isObject(tag) ? tag.name : undefined;
    if (typeof name !== 'string') {
      throw new PermanentEventError(`${path}[${i}].name must be a string`);
    }
    const epic = EPIC_TAG.exec(name.trim());
    if (epic) {
      if (epic[1].trim()) epics.push(epic[1].trim());
    } else if (name.trim() && !labels.includes(name.trim())) labels.push(name.trim());
  });
  return { labels, epics };
}

function pointsField(value: unknown, settings: AsanaSettings): Json | null {
  if (!Array.isArray(value)) return null;
  const names = settings.pointsField ? [settings.pointsField] : POINTS_FIELDS;
  for (const wanted of names) {
    const field = value.find(
      (f) =>
        isObject(f) &&
        typeof f.name === 'string' &&
        f.name.trim().toLowerCase() === wanted.toLowerCase(),
    );
    if (isObject(field)) return field;
  }
  return null;
}

const pointsName = (value: unknown, settings: AsanaSettings): string | null => {
  const name = pointsField(value, settings)?.name;
  return typeof name === 'string' ? name.trim().slice(0, 100) : null;
};

/**
 * The points field's `number_value` (a number field); a text field whose `display_value` reads as
 * a number is taken too (the CSV export gives the same text). Empty: not estimated.
 */
function pointsOfTask(
  value: unknown,
  settings: AsanaSettings,
  at: (path: string) => string,
): number | null {
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    throw new PermanentEventError(`${at('custom_fields')} must be a list`);
  }
  const field = pointsField(value, settings);
  if (!field) return null;
  const path = at(`custom_fields.${pointsName(value, settings)}`);
  if (typeof field.number_value === 'number') return field.number_value;
  if (field.number_value !== undefined && field.number_value !== null) {
    throw new PermanentEventError(`${path} number_value must be a number`);
  }
  const shown = field.display_value;
  if (shown === undefined || shown === null || shown === '') return null;
  const points = typeof shown === 'string' ? pointsOf(shown) : undefined;
  if (points === undefined || points === null) {
    throw new PermanentEventError(
      `${path} must be a number of points (got ${JSON.stringify(String(shown).slice(0, 40))})`,
    );
  }
  return points;
}

/**
 * The sprint a task's section or project names (settings.sprintFrom), matched by name among the
 * stored sprints, never created from here (as GitHub's sprint labels).
 */
function sprintsOf(key: string, covered: Membership[], settings: AsanaSettings): TrackerSprint[] {
  if (settings.sprintFrom === 'none') return [];
  const names = covered
    .map((m) => (settings.sprintFrom === 'section' ? m.sectionName : m.projectName)?.trim() ?? '')
    .filter((n, i, all) => n !== '' && all.indexOf(n) === i);
  return names.map((name) => {
    if (name.length > 200) {
      throw new PermanentEventError(
        `${key}: the sprint's ${settings.sprintFrom} name must be at most 200 characters`,
      );
    }
    return {
      externalId: `asana-${settings.sprintFrom}:${name}`,
      nameOnly: true,
      name,
      state: 'ACTIVE',
      boardId: null,
      startDate: null,
      endDate: null,
    };
  });
}

/**
 * A task Asana no longer has (deleted, or answering 404): a tombstone, dated by the deletion
 * event. Its row keeps the key, marked deleted; the ticket leaves the live scope.
 */
export function asanaTombstone(gid: string, settings: AsanaSettings, at: Date): TrackerEvent {
  const key = asanaKey(gid, settings);
  return {
    kind: 'issueDeleted',
    issue: {
      ticket: {
        externalKey: key,
        externalId: gid,
        title: `(deleted in Asana: task ${gid})`,
        type: 'Task',
        labels: [],
        rawStatus: 'Deleted',
        sourceCategory: 'CANCELLED',
        points: null,
        sprintNames: [],
        epicKey: null,
        parentKey: null,
        origin: key,
      },
      sprints: [],
      updatedAt: at,
    },
    webhookAt: at,
  };
}
