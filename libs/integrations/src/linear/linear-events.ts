import type { StatusCategory } from '@app/domain';
import {
  PermanentEventError,
  type IssueState,
  type TrackerEvent,
  type TrackerSprint,
} from '../sources/tracker.js';
import { ticketFieldProblem, type IncomingTicket } from '../tickets/incoming-ticket.js';
import {
  isObject,
  objectAt,
  requiredString,
  stringAt,
  type Json,
} from '../jira/cloud/jira-fields.js';
import type { LinearSettings } from './linear-settings.js';

/**
 * Linear's workflow state types as our categories: used only when the organization's status
 * mapping does not know the state's name.
 */
const STATE_TYPES: Record<string, StatusCategory> = {
  triage: 'TODO',
  backlog: 'TODO',
  unstarted: 'TODO',
  started: 'IN_PROGRESS',
  completed: 'DONE',
  canceled: 'CANCELLED',
};

/** A ticket key as the upsert takes it: an initiative key made from a project name must be one. */
const EXTERNAL_KEY = /^\S{1,64}$/;

/** The event's name (`Issue.update`) and what it is about (`ENG-123`, a cycle's name). */
export function describeLinearEvent(body: unknown): { eventType: string; subject: string | null } {
  const type = isObject(body) && typeof body.type === 'string' ? body.type : '';
  const action = isObject(body) && typeof body.action === 'string' ? body.action : '';
  const data = objectAt(body, 'data');
  const subject =
    (typeof data?.identifier === 'string' && data.identifier) ||
    (typeof data?.name === 'string' && data.name) ||
    (typeof data?.number === 'number' && `cycle ${data.number}`) ||
    null;
  const eventType = type ? `${type}${action ? `.${action}` : ''}` : 'unknown';
  return { eventType: eventType.slice(0, 100), subject: subject && subject.slice(0, 200) };
}

/**
 * A Linear webhook body as the event the pipeline applies. The shape followed is Linear's
 * documented data-change webhook payload: `{ action: "create" | "update" | "remove", type, data,
 * updatedFrom, url, createdAt, organizationId, webhookTimestamp, webhookId }`, where `data` is the
 * entity as the webhook schema describes it (for an Issue: id, identifier, title, estimate,
 * state { id name type }, labels, labelIds, cycle, project, team, parent, updatedAt).
 */
export function parseLinearEvent(body: unknown, settings: LinearSettings): TrackerEvent {
  if (!isObject(body)) throw new PermanentEventError('the body is not a JSON object');
  const type = body.type;
  const action = body.action;
  const webhookAt =
    typeof body.webhookTimestamp === 'number' ? new Date(body.webhookTimestamp) : null;
  if (type === 'Issue' || type === 'Cycle') {
    if (action !== 'create' && action !== 'update' && action !== 'remove') {
      return {
        kind: 'ignored',
        reason: `${type} action "${String(action).slice(0, 40)}" is not used`,
      };
    }
    const data = objectAt(body, 'data');
    if (!data) throw new PermanentEventError(`${type}.${action}: data is missing`);
    if (type === 'Cycle') {
      return {
        kind: 'sprint',
        action: action === 'create' ? 'created' : action === 'remove' ? 'deleted' : 'updated',
        sprint: linearCycle(data, 'data', stringAt(objectAt(data, 'team'), 'key', 'data.team.key')),
        webhookAt,
      };
    }
    return linearIssueEvent(
      data,
      settings,
      webhookAt,
      action === 'remove' ? 'issueDeleted' : 'issue',
    );
  }
  return { kind: 'ignored', reason: `event type "${String(type).slice(0, 100)}" is not used` };
}

/** One issue: a webhook's `data`, or one node of the GraphQL `issues` connection. */
export function linearIssueEvent(
  issue: Json,
  settings: LinearSettings,
  webhookAt: Date | null,
  kind: 'issue' | 'issueDeleted' = 'issue',
): TrackerEvent {
  const key = requiredString(issue, 'identifier', 'data.identifier');
  return { kind, issue: linearIssueState(key, issue, settings), webhookAt };
}

function linearIssueState(key: string, issue: Json, settings: LinearSettings): IssueState {
  const at = (path: string) => `${key}: ${path}`;
  const updatedAt = linearTime(
    requiredString(issue, 'updatedAt', at('updatedAt')),
    at('updatedAt'),
  )!;
  const estimate = issue.estimate;
  if (estimate !== undefined && estimate !== null && typeof estimate !== 'number') {
    throw new PermanentEventError(`${at('estimate')} must be a number of points`);
  }
  const state = objectAt(issue, 'state');
  const team = objectAt(issue, 'team');
  const project = objectAt(issue, 'project');
  const parent = objectAt(issue, 'parent');
  const cycle = objectAt(issue, 'cycle');
  const teamKey = stringAt(team, 'key', at('team.key'));
  const projectKey = project
    ? stringAt(project, settings.projectsBy, at(`project.${settings.projectsBy}`))
    : null;
  const ticket: IncomingTicket = {
    externalKey: key,
    externalId: stringAt(issue, 'id', at('id')),
    title: stringAt(issue, 'title', at('title')) ?? '',
    type: parent ? 'Sub-issue' : 'Issue',
    labels: labelNames(issue.labels, at('labels')),
    rawStatus: stringAt(state, 'name', at('state.name')) ?? '',
    sourceCategory: STATE_TYPES[stringAt(state, 'type', at('state.type')) ?? ''] ?? null,
    points: (estimate as number | null | undefined) ?? null,
    sprintNames: [],
    // A project name with spaces can be no initiative's externalKey (keys have none): no
    // initiative rather than a dead letter; such projects map by id (settings.projectsBy).
    epicKey: !parent && projectKey && EXTERNAL_KEY.test(projectKey) ? projectKey : null,
    parentKey: parent ? stringAt(parent, 'identifier', at('parent.identifier')) : null,
    origin: key,
  };
  const problem = ticketFieldProblem(ticket, {
    externalKey: 'identifier',
    externalId: 'id',
    title: 'title',
    type: 'type',
    labels: 'labels',
    rawStatus: 'state.name',
    points: 'estimate',
    sprintNames: 'cycle.name',
    epicKey: `project.${settings.projectsBy}`,
    parentKey: 'parent.identifier',
  });
  if (problem) throw new PermanentEventError(`${key}: ${problem}`);
  const sprints = cycle ? [linearCycle(cycle, at('cycle'), teamKey)] : [];
  return { ticket, sprints, updatedAt };
}

/** Labels as a webhook sends them (a list of {id, name}) or GraphQL answers them ({nodes}). */
function labelNames(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  const list = isObject(value) ? value.nodes : value;
  if (!Array.isArray(list)) throw new PermanentEventError(`${path} must be a list of labels`);
  return list.map((l, i) => {
    const name = isObject(l) ? l.name : l;
    if (typeof name !== 'string')
      throw new PermanentEventError(`${path}[${i}].name must be a string`);
    return name;
  });
}

/**
 * A cycle (Linear's sprint): `{ id, number, name, startsAt, endsAt, completedAt }`. Its state
 * follows from the dates: completed or ended is CLOSED, started is ACTIVE, else FUTURE. A cycle
 * without a name is named after its team and number ("ENG Cycle 12"); the team key is the "board"
 * that settings.teamTeams maps to a team.
 */
export function linearCycle(
  cycle: Json,
  path: string,
  teamKey: string | null,
  now = Date.now(),
): TrackerSprint {
  const id = requiredString(cycle, 'id', `${path}.id`);
  const number = cycle.number;
  const given = stringAt(cycle, 'name', `${path}.name`)?.trim();
  const name =
    given || `${teamKey ?? 'Linear'} Cycle ${typeof number === 'number' ? number : id.slice(0, 8)}`;
  if (name.length > 200)
    throw new PermanentEventError(`${path}.name must be at most 200 characters`);
  const starts = linearTime(stringAt(cycle, 'startsAt', `${path}.startsAt`), `${path}.startsAt`);
  const ends = linearTime(stringAt(cycle, 'endsAt', `${path}.endsAt`), `${path}.endsAt`);
  const completed = linearTime(
    stringAt(cycle, 'completedAt', `${path}.completedAt`),
    `${path}.completedAt`,
  );
  const state: TrackerSprint['state'] =
    completed || (ends && ends.getTime() <= now)
      ? 'CLOSED'
      : starts && starts.getTime() <= now
        ? 'ACTIVE'
        : 'FUTURE';
  return {
    externalId: id,
    name,
    state,
    boardId: teamKey,
    startDate: starts?.toISOString().slice(0, 10) ?? null,
    endDate: ends?.toISOString().slice(0, 10) ?? null,
  };
}

/** Linear writes ISO 8601 times (`2026-12-05T10:00:00.000Z`); null when absent. */
export function linearTime(value: string | null, path: string): Date | null {
  if (value === null) return null;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new PermanentEventError(`${path} is not a time (got "${value.slice(0, 40)}")`);
  }
  return time;
}
